package spk.solver;

import java.util.SortedSet;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.ident.Components;

/** Where a resolved package comes from. */
public sealed interface Source {
    /** A published build in a repository. */
    record Repository(String name) implements Source {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Shipped inside another package's components. */
    record Embedded(BuildIdent parent, SortedSet<Component> components) implements Source {
        @Override
        public String toString() {
            return "embedded in " + parent + Components.suffix(components);
        }
    }

    /** To be built from its recipe before use. */
    record BuildFromSource(String repository) implements Source {
        @Override
        public String toString() {
            return "build-from-source";
        }
    }
}
