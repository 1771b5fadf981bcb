package spk.spec.model;

import java.util.Optional;
import java.util.SortedSet;
import spk.grammar.ident.Component;
import spk.grammar.ident.Components;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;

/**
 * A component's reference to an embedded package and which of its components it holds:
 * {@code qt:run} or {@code qt:{bin,lib}/5.12.6}.
 */
public record ComponentEmbed(PkgName pkg, SortedSet<Component> components, Optional<Version> version) {
    public ComponentEmbed {
        components = Components.sorted(components);
    }

    @Override
    public String toString() {
        return pkg + Components.suffix(components) + version.map(v -> "/" + v.toSerialized()).orElse("");
    }
}
