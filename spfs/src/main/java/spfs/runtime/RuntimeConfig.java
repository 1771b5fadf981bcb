package spfs.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import spfs.mount.MountBackend;

/**
 * Where a runtime keeps its working files and how it mounts /spfs. The runtime directory is a
 * tmpfs private to the runtime's mount namespace, so every runtime uses the same paths.
 */
public record RuntimeConfig(Path runtimeDir, Optional<String> tmpfsSize, Path upperDir, Path lowerDir, Path workDir,
        Path shStartupFile, Path cshStartupFile, Optional<String> mountNamespace, MountBackend mountBackend,
        List<String> secondaryRepositories, boolean includeSecondaryTags, boolean durable, List<LiveLayer> liveLayers) {
    /** spfs's fixed runtime directory. */
    public static final Path RUNTIME_DIR = Path.of("/tmp/spfs-runtime");

    public RuntimeConfig {
        secondaryRepositories = List.copyOf(secondaryRepositories);
        liveLayers = List.copyOf(liveLayers);
    }

    /** The layout under {@code root}: upper, lower, work, startup.sh and .cshrc. */
    public static RuntimeConfig under(Path root, Optional<String> tmpfsSize, MountBackend backend) {
        return new RuntimeConfig(root, tmpfsSize, root.resolve("upper"), root.resolve("lower"), root.resolve("work"),
                root.resolve("startup.sh"), root.resolve(".cshrc"), Optional.empty(), backend, List.of(), true, false,
                List.of());
    }

    public RuntimeConfig withUpperAndWork(Path upper, Path work) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upper, lowerDir, work, shStartupFile, cshStartupFile,
                mountNamespace, mountBackend, secondaryRepositories, includeSecondaryTags, durable, liveLayers);
    }

    public RuntimeConfig withLowerDir(Path lower) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upperDir, lower, workDir, shStartupFile, cshStartupFile,
                mountNamespace, mountBackend, secondaryRepositories, includeSecondaryTags, durable, liveLayers);
    }

    public RuntimeConfig withMountNamespace(Optional<String> ns) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upperDir, lowerDir, workDir, shStartupFile, cshStartupFile, ns,
                mountBackend, secondaryRepositories, includeSecondaryTags, durable, liveLayers);
    }

    public RuntimeConfig withDurable(boolean d) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upperDir, lowerDir, workDir, shStartupFile, cshStartupFile,
                mountNamespace, mountBackend, secondaryRepositories, includeSecondaryTags, d, liveLayers);
    }

    public RuntimeConfig withLiveLayers(List<LiveLayer> l) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upperDir, lowerDir, workDir, shStartupFile, cshStartupFile,
                mountNamespace, mountBackend, secondaryRepositories, includeSecondaryTags, durable, l);
    }

    public RuntimeConfig withSecondaryRepositories(List<String> s) {
        return new RuntimeConfig(runtimeDir, tmpfsSize, upperDir, lowerDir, workDir, shStartupFile, cshStartupFile,
                mountNamespace, mountBackend, s, includeSecondaryTags, durable, liveLayers);
    }
}
