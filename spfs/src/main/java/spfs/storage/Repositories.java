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

/**
 * Opens repositories from addresses: {@code file:PATH}, {@code tar:PATH}, a path, a remote name,
 * or a URL whose scheme a {@link RepositoryProvider} handles ({@code s3://}; see {@link RepositoryProviders}).
 */
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
            return openAddress(remote.address(), remote.tagNamespace(), remote.options());
        }
        if (nameOrAddress.startsWith("file:") || nameOrAddress.startsWith("tar:") || nameOrAddress.contains("/")) {
            return openAddress(nameOrAddress, Optional.empty(), Map.of());
        }
        throw SpfsException.notFound("unknown-remote", "no remote named '" + nameOrAddress
                + "' is configured (and it is not a path or a file:/tar: address)");
    }

    private Repository openAddress(String address, Optional<String> namespace, Map<String, String> remoteOptions) {
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
        Optional<String> scheme = urlScheme(rest);
        if (scheme.isPresent()) {
            Map<String, String> options = new HashMap<>(remoteOptions);
            options.putAll(query);
            return RepositoryProviders.forScheme(scheme.get()).open(rest, options, ns, config);
        }
        if (rest.startsWith("tar:")) {
            return TarRepository.open(Path.of(stripSlashes(rest.substring(4))), ns);
        }
        if (rest.startsWith("file:")) {
            rest = stripSlashes(rest.substring(5));
        }
        Path path = Path.of(rest);
        return "true".equals(query.get("create")) ? FsRepository.create(path, ns) : FsRepository.open(path, ns);
    }

    /** The scheme of a {@code scheme://...} address other than file: and tar:, which are built in. */
    private static Optional<String> urlScheme(String address) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z][a-z0-9+.-]*)://.*", java.util.regex.Pattern.DOTALL)
                .matcher(address);
        return m.matches() && !m.group(1).equals("file") && !m.group(1).equals("tar") ? Optional.of(m.group(1)) : Optional.empty();
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
