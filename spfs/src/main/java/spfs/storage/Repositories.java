package spfs.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import spfs.config.Config;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.pinned.PinnedRepository;
import spfs.storage.proxy.FallbackRepository;
import spfs.storage.proxy.ProxyRepository;
import spfs.storage.tar.TarRepository;
import spfs.tag.TimeSpec;

/** Opens repositories from addresses ({@link RepositoryAddress}), paths, or a configured remote's name. */
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

    /**
     * A remote by name or address; "origin" and other names come from the config. Addresses:
     * {@code file:}/a path, {@code tar:}, {@code proxy:}, {@code fallback:}, and the schemes of
     * {@link RepositoryProvider}s found on the class path ({@code grpc:}, {@code http2:}); a
     * {@code ?when=} pins any of them to a time, {@code ?tag_namespace=} picks a namespace.
     */
    public Repository open(String nameOrAddress) {
        Config.RemoteConfig remote = config.remotes().get(nameOrAddress);
        if (remote != null) {
            return openAddress(remote.address(), remote.tagNamespace(), remote.when());
        }
        if (RepositoryAddress.hasScheme(nameOrAddress) || nameOrAddress.contains("/")) {
            return openAddress(nameOrAddress, Optional.empty(), Optional.empty());
        }
        throw SpfsException.notFound("unknown-remote", "no remote named '" + nameOrAddress
                + "' is configured (and it is not a path or an address such as file:, tar: or grpc:)");
    }

    private Repository openAddress(String text, Optional<String> namespace, Optional<String> when) {
        RepositoryAddress address = RepositoryAddress.parse(text);
        Optional<String> ns = address.param("tag_namespace").filter(s -> !s.isEmpty()).or(() -> namespace);
        Repository opened = switch (address.scheme()) {
            case "file" -> {
                Path path = Path.of(address.path());
                yield address.flag("create", false) ? FsRepository.create(path, ns) : FsRepository.open(path, ns);
            }
            case "tar" -> TarRepository.open(Path.of(address.path()), ns);
            case "proxy", "fallback" -> openProxy(address);
            default -> provider(address).open(address.withoutQuery(), options(address), ns, config);
        };
        if (!opened.tagNamespace().equals(ns) && ns.isPresent()) {
            opened = withNamespace(opened, ns);
        }
        Optional<String> pin = address.param("when").or(() -> when);
        if (pin.isPresent()) {
            opened = PinnedRepository.of(opened, TimeSpec.parse(pin.get(), Instant.now(), ZoneId.systemDefault()));
        }
        return opened;
    }

    private static Repository withNamespace(Repository r, Optional<String> ns) {
        try {
            return r.withTagNamespace(ns);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
    }

    /** {@code proxy:?primary=A&secondary[0]=B&include_secondary_tags=false}; A and B are names or addresses. */
    private Repository openProxy(RepositoryAddress address) {
        String primaryName = address.param("primary").orElseThrow(() -> SpfsException.badInput("invalid-address",
                "invalid repository address '" + address.text() + "': it needs primary=NAME_OR_ADDRESS"));
        boolean includeTags = address.flag("include_secondary_tags", true);
        List<Repository> opened = new ArrayList<>();
        try {
            Repository primary = open(primaryName);
            opened.add(primary);
            for (String s : address.params("secondary")) {
                opened.add(open(s));
            }
            List<Repository> secondaries = List.copyOf(opened.subList(1, opened.size()));
            return address.scheme().equals("fallback") ? FallbackRepository.of(primary, secondaries, includeTags)
                    : ProxyRepository.of(primary, secondaries, includeTags);
        } catch (RuntimeException e) {
            opened.forEach(Repository::close);
            throw e;
        }
    }

    /** An address's query as a provider's options: the last value of each parameter. */
    private static java.util.Map<String, String> options(RepositoryAddress address) {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        address.query().forEach((k, v) -> options.put(k, v.get(v.size() - 1)));
        return options;
    }

    private static RepositoryProvider provider(RepositoryAddress address) {
        for (RepositoryProvider p : ServiceLoader.load(RepositoryProvider.class, Repositories.class.getClassLoader())) {
            if (p.scheme().equals(address.scheme())) {
                return p;
            }
        }
        throw SpfsException.badInput("unsupported-scheme", "unsupported repository address '" + address.text()
                + "': no repository kind for '" + address.scheme() + ":' (known: file:, tar:, proxy:, fallback:"
                + ServiceLoader.load(RepositoryProvider.class, Repositories.class.getClassLoader()).stream()
                        .map(p -> ", " + p.get().scheme() + ":").sorted().reduce("", String::concat) + ")");
    }
}
