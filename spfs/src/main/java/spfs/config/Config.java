package spfs.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import spfs.graph.ObjectFormat;

/** The effective spfs configuration (the subset storage needs). */
public record Config(
        Path storageRoot,
        Optional<String> tagNamespace,
        ObjectFormat newObjects,
        String userName,
        String userDomain,
        Map<String, RemoteConfig> remotes,
        boolean allowPayloadSharingBetweenUsers,
        long annotationSizeLimit) {

    public Config {
        remotes = Map.copyOf(remotes);
    }

    /** The author written into new tags: {@code name@domain}. */
    public String tagAuthor() {
        return userName + "@" + userDomain;
    }

    /** A configured remote: its address URL (file:, tar:, or a bare path) and tag namespace. */
    public record RemoteConfig(String address, Optional<String> tagNamespace) {}
}
