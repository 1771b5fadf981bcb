package spk.spec.model;

import java.util.List;
import spk.grammar.compat.Compat;
import spk.grammar.ident.VersionIdent;

/** A {@code v0/package} recipe: how to build every variant of one package version. */
public record Recipe(VersionIdent pkg, Meta meta, Compat compat, boolean deprecated, List<SourceSpec> sources,
        BuildSpec build, InstallSpec install, List<TestSpec> tests) implements SpecFile {
    public Recipe {
        sources = List.copyOf(sources);
        tests = List.copyOf(tests);
    }

    public Recipe withBuild(BuildSpec b) {
        return new Recipe(pkg, meta, compat, deprecated, sources, b, install, tests);
    }

    public Recipe withInstall(InstallSpec i) {
        return new Recipe(pkg, meta, compat, deprecated, sources, build, i, tests);
    }

    public Recipe withDeprecated(boolean d) {
        return new Recipe(pkg, meta, compat, d, sources, build, install, tests);
    }
}
