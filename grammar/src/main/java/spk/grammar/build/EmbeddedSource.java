package spk.grammar.build;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import spk.grammar.ident.Component;
import spk.grammar.ident.Components;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;

/**
 * The package build that embeds another, with the components that hold it, as in
 * {@code embedded[maya:run/2019.2.0/G6ZOWQVE]}. {@code unparsed} keeps the bracketed text as
 * written, which spfs tags are derived from; it takes no part in equality.
 */
public record EmbeddedSource(PkgName name, SortedSet<Component> components, Optional<Version> version,
        Optional<Build> build, String unparsed) {
    public EmbeddedSource {
        components = Components.sorted(components);
    }

    /** The build part used in spfs tags: {@code embedded-by-} and the unpadded base32 of the text. */
    public String tagPathPart() {
        return "embedded-by-" + Base32.encodeNoPad(("embedded[" + unparsed + "]").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddedSource e && e.name.equals(name) && e.components.equals(components)
                && e.version.equals(version) && e.build.equals(build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, components, version, build);
    }

    @Override
    public String toString() {
        return name + Components.suffix(components) + version.map(v -> "/" + v.toStorageString()).orElse("")
                + build.map(b -> "/" + b).orElse("");
    }
}
