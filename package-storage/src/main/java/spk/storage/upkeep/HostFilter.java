package spk.storage.upkeep;

import java.util.Optional;
import spk.grammar.option.OptionMap;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/**
 * SPK's {@code --host} filter of the listing commands (search, stats): a build fits the host when
 * every host option (os, arch, distro...) it was built with has this host's value; source builds
 * fit only when asked for.
 *
 * @param host the host's options; empty means no filtering
 */
public record HostFilter(Optional<OptionMap> host, boolean sources) {
    /** No filtering: every build fits. */
    public static final HostFilter NONE = new HostFilter(Optional.empty(), true);

    public boolean fits(PackageSpec build) {
        if (host.isEmpty()) {
            return true;
        }
        if (build.pkg().build().isSource()) {
            return sources;
        }
        for (Opt o : build.options()) {
            Optional<String> mine = host.get().get(o.fullName().value());
            String value = o.value(Optional.empty());
            if (mine.isPresent() && !value.isEmpty() && !value.equals(mine.get())) {
                return false;
            }
        }
        return true;
    }
}
