package spk.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import spk.grammar.ident.Component;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;

/** The defaults SPK applies to a component list once read. */
final class ComponentLists {
    private ComponentLists() {}

    /**
     * Adds {@code build} and {@code run} (every file) when absent, sorts by name unless a
     * component matches only remaining files, and gives each component that lists no embedded
     * packages every embedded package with a component of the same name.
     */
    static List<ComponentSpec> finish(List<ComponentSpec> written, List<EmbeddedPackageSpec> embedded,
            boolean addDefaults) {
        List<ComponentSpec> out = new ArrayList<>(written);
        if (addDefaults && out.stream().noneMatch(c -> c.name().equals(Component.BUILD))) {
            out.add(ComponentSpec.defaultFor(Component.BUILD));
        }
        if (addDefaults && out.stream().noneMatch(c -> c.name().equals(Component.RUN))) {
            out.add(ComponentSpec.defaultFor(Component.RUN));
        }
        if (out.stream().noneMatch(c -> c.fileMatchMode() == ComponentSpec.FileMatchMode.REMAINING)) {
            out.sort((a, b) -> a.name().name().compareTo(b.name().name()));
        }
        List<ComponentSpec> derived = new ArrayList<>();
        for (ComponentSpec c : out) {
            if (!c.embeddedFabricated()) {
                derived.add(c);
                continue;
            }
            List<ComponentEmbed> embeds = new ArrayList<>();
            for (EmbeddedPackageSpec e : embedded) {
                if (e.components().stream().anyMatch(ec -> ec.name().equals(c.name()))) {
                    TreeSet<Component> comps = new TreeSet<>();
                    comps.add(c.name());
                    embeds.add(new ComponentEmbed(e.pkg().name(), comps, Optional.empty()));
                }
            }
            derived.add(c.withEmbedded(embeds, true));
        }
        return derived;
    }
}
