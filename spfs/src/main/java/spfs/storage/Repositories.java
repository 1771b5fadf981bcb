package spfs.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import spfs.config.Config;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.tar.TarRepository;

/** Opens repositories from addresses: {@code file:PATH}, {@code tar:PATH}, a path, or a remote name. */
public final class Repositories {
    private final Config config;

    public Repositories(Config config) {
        this.config = config;
    }

    /**
     * The local repository ({@code storage.root}), created if missing (shared with {@code
     * storage.shared_group} when set). Unlike spfs, an existing one is only opened: reading does
     * not rewrite its VERSION file.
     */
    public FsRepository local() {
        java.nio.file.Path root = config.storageRoot();
        if (java.nio.file.Files.isDirectory(root.resolve("objects")) && java.nio.file.Files.isDirectory(root.resolve("payloads"))) {
            return FsRepository.open(root, config.tagNamespace());
        }
        return FsRepository.create(root, config.tagNamespace(), config.sharedGroup());
    }

    /** A remote by name or address; "origin" and other names come from the config. */
    public Repository open(String nameOrAddress) {
        Config.RemoteConfig remote = config.remotes().get(nameOrAddress);
        if (remote != null) {
            return openAddress(remote.address(), remote.tagNamespace());
        }
        if (nameOrAddress.startsWith("file:") || nameOrAddress.startsWith("tar:") || nameOrAddress.contains("/")) {
            return openAddress(nameOrAddress, Optional.empty());
        }
        throw SpfsException.notFound("unknown-remote", "no remote named '" + nameOrAddress
                + "' is configured (and it is not a path or a file:/tar: address)");
    }

    private Repository openAddress(String address, Optional<String> namespace) {
        String rest = address;
        Map<String, String> query = new HashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    query.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            rest = rest.substring(0, q);
        }
        Optional<String> ns = Optional.ofNullable(query.get("tag_namespace")).or(() -> namespace);
        if (rest.startsWith("tar:")) {
            return TarRepository.open(Path.of(stripSlashes(rest.substring(4))), ns);
        }
        if (rest.startsWith("file:")) {
            rest = stripSlashes(rest.substring(5));
        }
        Path path = Path.of(rest);
        return "true".equals(query.get("create")) ? FsRepository.create(path, ns) : FsRepository.open(path, ns);
    }

    /** {@code file:///a/b} and {@code file:/a/b} both mean /a/b. */
    private static String stripSlashes(String s) {
        if (s.startsWith("//")) {
            s = s.substring(2);
            // file://host/path: only the empty host is local
            if (!s.startsWith("/")) {
                int slash = s.indexOf('/');
                s = slash < 0 ? s : s.substring(slash);
            }
        }
        return s;
    }
}
