package spk.spec.model;

import java.util.List;
import spk.grammar.compat.Compat;
import spk.grammar.ident.BuildIdent;

/**
 * A built package spec, what a repository stores for one build: the recipe with its ident's
 * build fixed, every option's value fixed ({@code static}) and its pins rendered.
 */
public record PackageSpec(BuildIdent pkg, Meta meta, Compat compat, boolean deprecated, List<SourceSpec> sources,
        List<Opt> options, InstallSpec install, List<TestSpec> tests) implements SpecFile {
    public PackageSpec {
        sources = List.copyOf(sources);
        options = List.copyOf(options);
        tests = List.copyOf(tests);
    }

    public PackageSpec withDeprecated(boolean d) {
        return new PackageSpec(pkg, meta, compat, d, sources, options, install, tests);
    }
}
