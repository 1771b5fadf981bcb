package spfs.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spfs.config.Config;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.pinned.PinnedRepository;
import spfs.storage.proxy.FallbackRepository;
import spfs.storage.proxy.ProxyRepository;
import spfs.storage.tar.TarRepository;
import spfs.tag.TimeSpec;

/**
 * Opens repositories from addresses ({@link RepositoryAddress}), paths, or a configured remote's
 * name; schemes other than the built-in ones come from a {@link RepositoryProvider} (see
 * {@link RepositoryProviders}: {@code grpc:}, {@code http2:}, {@code s3://}).
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

    /**
     * A remote by name or address; "origin" and other names come from the config. Addresses:
     * {@code file:}/a path, {@code tar:}, {@code proxy:}, {@code fallback:}, and the schemes of
     * {@link RepositoryProvider}s ({@code grpc:}, {@code http2:}, {@code s3://}); a
     * {@code ?when=} pins any of them to a time, {@code ?tag_namespace=} picks a namespace.
     */
    public Repository open(String nameOrAddress) {
        Config.RemoteConfig remote = config.remotes().get(nameOrAddress);
        if (remote != null) {
            return openAddress(remote.address(), remote.tagNamespace(), remote.when(), remote.options());
        }
        if (RepositoryAddress.hasScheme(nameOrAddress) || nameOrAddress.contains("/")) {
            return openAddress(nameOrAddress, Optional.empty(), Optional.empty(), java.util.Map.of());
        }
        throw SpfsException.notFound("unknown-remote", "no remote named '" + nameOrAddress
                + "' is configured (and it is not a path or an address such as file:, tar: or grpc:)");
    }

    private Repository openAddress(String text, Optional<String> namespace, Optional<String> when,
            java.util.Map<String, String> remoteOptions) {
        RepositoryAddress address = RepositoryAddress.parse(text);
        Optional<String> ns = address.param("tag_namespace").filter(s -> !s.isEmpty()).or(() -> namespace);
        Repository opened = switch (address.scheme()) {
            case "file" -> {
                Path path = Path.of(address.path());
                yield address.flag("create", false) ? FsRepository.create(path, ns) : FsRepository.open(path, ns);
            }
            case "tar" -> TarRepository.open(Path.of(address.path()), ns);
            case "proxy", "fallback" -> openProxy(address);
            default -> RepositoryProviders.forScheme(address.scheme()).open(address.withoutQuery(), options(address, remoteOptions),
                    ns, config);
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

    /** A provider's options: the configured remote's fields, its address's query over them (the last value of each). */
    private static java.util.Map<String, String> options(RepositoryAddress address, java.util.Map<String, String> remoteOptions) {
        java.util.Map<String, String> options = new java.util.HashMap<>(remoteOptions);
        address.query().forEach((k, v) -> options.put(k, v.get(v.size() - 1)));
        return options;
    }
}
