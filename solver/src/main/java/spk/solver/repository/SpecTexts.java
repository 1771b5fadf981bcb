package spk.solver.repository;

import java.util.ArrayList;
import java.util.List;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;
import spk.spec.problem.Problems;
import spk.spec.read.SpecReader;
import spk.spec.yaml.YamlNode;

/** Reads the YAML text of a repository's specs: one spec, or a list of them. */
public final class SpecTexts {
    private SpecTexts() {}

    /** The package specs and recipes of {@code text}, which starts at 0-based {@code line} of {@code file}. */
    public static List<SpecFile> read(String file, String text, int line, Problems problems) {
        YamlNode root = YamlNode.parse(file, text, line);
        List<YamlNode> docs = root.isSequence() ? root.items() : List.of(root);
        List<SpecFile> out = new ArrayList<>();
        for (YamlNode doc : docs) {
            Problems one = new Problems();
            SpecFile spec = SpecReader.read(doc, one);
            one.errors().forEach(problems::add);
            if (spec instanceof PackageSpec || spec instanceof Recipe) {
                out.add(spec);
            } else if (spec != null) {
                problems.add(doc.problem("a repository holds package specs and recipes only").problem());
            }
        }
        return out;
    }
}
