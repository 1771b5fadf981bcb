package spk.solver;

import java.util.List;
import spk.grammar.option.OptionMap;

/** The packages a solve resolved, in the order they were decided, and the resulting options. */
public record Solution(List<ResolvedPackage> packages, OptionMap options) {
    public Solution {
        packages = List.copyOf(packages);
    }
}
