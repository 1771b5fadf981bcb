package spk.solver;

import java.util.SortedSet;
import spk.grammar.ident.Component;
import spk.grammar.ident.Components;
import spk.spec.model.PackageSpec;

/** One package of a solution: the build chosen, where it comes from and the components used. */
public record ResolvedPackage(PackageSpec spec, Source source, SortedSet<Component> components, String requestedBy) {
    public ResolvedPackage {
        components = Components.sorted(components);
    }

    @Override
    public String toString() {
        return spec.pkg() + Components.suffix(components) + " (" + source + ")";
    }
}
