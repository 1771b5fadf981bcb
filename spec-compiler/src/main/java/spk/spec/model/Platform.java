package spk.spec.model;

import java.util.List;
import java.util.Optional;
import spk.grammar.compat.Compat;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;

/**
 * A platform: a package that only constrains others. Both {@code v0/platform} and
 * {@code v1/platform} load into this form.
 */
public record Platform(Api api, VersionIdent platform, Meta meta, Compat compat, boolean deprecated,
        List<VersionIdent> bases, List<Requirement> requirements) implements SpecFile {
    public Platform {
        bases = List.copyOf(bases);
        requirements = List.copyOf(requirements);
    }

    /** Which platform format the file used. */
    public enum Api {
        V0("v0/platform"),
        V1("v1/platform");

        private final String yamlName;

        Api(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /**
     * A constraint of the platform on one package or var, at build time and at run time. An
     * empty optional leaves that side unchanged; {@link Constraint.Remove} drops an inherited one.
     */
    public record Requirement(Target target, Optional<Constraint> atBuild, Optional<Constraint> atRuntime) {}

    /** What a requirement constrains. */
    public sealed interface Target {
        /** A package, by name. */
        record Pkg(PkgName name) implements Target {}

        /** A var, by name. */
        record Var(OptName name) implements Target {}
    }

    /** One side of a requirement. */
    public sealed interface Constraint {
        /** A version range (for packages) or a value (for vars). */
        record Value(String value) implements Constraint {}

        /** {@code false}: remove what a base platform set. */
        record Remove() implements Constraint {}
    }
}
