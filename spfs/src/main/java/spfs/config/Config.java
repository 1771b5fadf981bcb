package spfs.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import spfs.graph.ObjectFormat;

/**
 * The effective spfs configuration (the subset storage needs). {@code sharedGroup}
 * ({@code storage.shared_group}): the group a newly created local repository is shared with.
 */
public record Config(
        Path storageRoot,
        Optional<String> tagNamespace,
        ObjectFormat newObjects,
        String userName,
        String userDomain,
        Map<String, RemoteConfig> remotes,
        boolean allowPayloadSharingBetweenUsers,
        long annotationSizeLimit,
        Filesystem filesystem,
        Optional<String> sharedGroup,
        Map<String, String> awsEnvironment) {

    public Config {
        remotes = Map.copyOf(remotes);
        awsEnvironment = Map.copyOf(awsEnvironment);
    }

    /** The author written into new tags: {@code name@domain}. */
    public String tagAuthor() {
        return userName + "@" + userDomain;
    }

    /**
     * How runtimes mount /spfs: the backend, the runtime tmpfs size (empty: the kernel's default,
     * half the memory), and the remotes a FUSE view may read through.
     */
    public record Filesystem(spfs.mount.MountBackend backend, Optional<String> tmpfsSize, java.util.List<String> secondaryRepositories) {
        public Filesystem {
            secondaryRepositories = java.util.List.copyOf(secondaryRepositories);
        }
    }

    /**
     * A configured remote: its address (file:, tar:, grpc:, proxy:, s3://, ... or a bare path), tag
     * namespace, the time it is pinned to ({@code when}, a TimeSpec's text) if any, and every other
     * field of its section (an object store's endpoint, region...).
     */
    public record RemoteConfig(String address, Optional<String> tagNamespace, Optional<String> when,
            Map<String, String> options) {
        public RemoteConfig {
            options = Map.copyOf(options);
        }

        public RemoteConfig(String address, Optional<String> tagNamespace) {
            this(address, tagNamespace, Optional.empty(), Map.of());
        }
    }
}
