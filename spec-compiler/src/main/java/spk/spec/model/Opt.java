package spk.spec.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import spk.grammar.compat.Compat;
import spk.grammar.ident.Component;
import spk.grammar.ident.Components;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.request.PreReleasePolicy;

/** A build option: a var option (a named value) or a pkg option (a build-time dependency). */
public sealed interface Opt {
    /** The option's full name: the var name, or the package name of a pkg option. */
    OptName fullName();

    /** The fixed value a published build stores, if any. */
    Optional<String> staticValue();

    /** The value of this option given {@code given} (from a variant or the command line). */
    String value(Optional<String> given);

    /**
     * A var option. {@code defaultValue} is empty when there is none; {@code staticValue} wins
     * over any given value; {@code required} builds need the request itself to carry a value.
     */
    record Var(OptName var, String defaultValue, List<String> choices, Inheritance inheritance,
            Optional<String> description, Optional<Compat> compat, boolean required, Optional<String> staticValue)
            implements Opt {
        public Var {
            choices = List.copyOf(choices);
        }

        public static Var named(OptName name) {
            return new Var(name, "", List.of(), Inheritance.WEAK, Optional.empty(), Optional.empty(), false,
                    Optional.empty());
        }

        @Override
        public OptName fullName() {
            return var;
        }

        @Override
        public String value(Optional<String> given) {
            if (staticValue.isPresent() && !staticValue.get().isEmpty()) {
                return staticValue.get();
            }
            return given.orElse(defaultValue);
        }

        public Var withStatic(String value) {
            return new Var(var, defaultValue, choices, inheritance, description, compat, required, Optional.of(value));
        }

        public Var withVar(OptName name) {
            return new Var(name, defaultValue, choices, inheritance, description, compat, required, staticValue);
        }

        /** Strong inheritance or {@code required}: passed on to runtime requirements downstream. */
        public boolean inheritsAtRuntime() {
            return inheritance == Inheritance.STRONG || required;
        }
    }

    /**
     * A pkg option: the package is requested into the build environment (its {@code build}
     * component unless components are named) with {@code defaultRange} as its version range.
     */
    record Pkg(PkgName pkg, SortedSet<Component> components, String defaultRange,
            Optional<PreReleasePolicy> prereleasePolicy, Optional<String> staticValue) implements Opt {
        public Pkg {
            components = Components.sorted(components);
        }

        @Override
        public OptName fullName() {
            return pkg.asOptName();
        }

        @Override
        public String value(Optional<String> given) {
            if (staticValue.isPresent()) {
                return staticValue.get();
            }
            return given.orElse(defaultRange);
        }

        public Pkg withStatic(String value) {
            return new Pkg(pkg, components, defaultRange, prereleasePolicy, Optional.of(value));
        }

        /** {@code name[:components]} as written in the {@code pkg} field. */
        public String nameWithComponents() {
            return pkg + Components.suffix(components);
        }
    }
}
