package spk.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import spfs.config.Config;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.RepositoryAddress;
import spfs.storage.fs.FsRepository;
import spfs.tag.TimeSpec;
import spk.error.SpkException;
import spk.solver.repository.CatalogRepository;
import spk.solver.repository.PackageRepository;
import spk.spec.SpecLoader;

/**
 * Which repositories a reading command (explain, env, ls, view, the build environment of a build)
 * takes packages from, chosen as SPK chooses them: the local repository first, unless
 * {@code --no-local-repo} or {@code --disable-repo local}; with {@code -L} only that; otherwise
 * each {@code -r} in order (a later one of the same name replaces an earlier one), then the
 * {@code origin} remote when one is configured. {@code -r} adds, it never replaces local.
 *
 * <p>An entry of {@code -r} is {@code local}, a configured remote's name, {@code NAME=PATH}, a
 * path (an spfs repository, a folder of built package specs, or one YAML file of them), or an
 * spfs address ({@code grpc://HOST:PORT}, {@code proxy:?...}, {@code tar:PATH}). A name may
 * carry a time ({@code origin~10m}, {@code local@2024-10-11}) and {@code when} applies to every
 * spfs repository without one: the repository is then read as it was at that time.
 *
 * @param enabled the {@code -r} entries, in order
 * @param disabled names given to {@code --disable-repo}
 * @param noLocal {@code --no-local-repo}
 * @param localOnly {@code -L/--local-repo-only}
 * @param when {@code --when}: a time for every spfs repository without its own
 */
public record RepositorySelection(List<String> enabled, List<String> disabled, boolean noLocal, boolean localOnly,
        Optional<String> when) {
    public static final String LOCAL = "local";
    public static final String ORIGIN = "origin";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    public RepositorySelection {
        enabled = List.copyOf(enabled);
        disabled = List.copyOf(disabled);
    }

    /** The repositories, opened; the spfs configuration gives the local root and the remotes. */
    public List<PackageRepository> open(Config config, SpecLoader loader, Instant now, ZoneId zone) {
        Optional<TimeSpec> pin = when.map(w -> TimeSpec.parse(w, now, zone));
        Map<String, PackageRepository> out = new LinkedHashMap<>();
        if (!noLocal && !disabled.contains(LOCAL)) {
            // a local repository that does not exist yet holds nothing; reading does not create it
            local(config, loader, pin).ifPresent(r -> out.put(LOCAL, r));
        }
        if (localOnly) {
            return List.copyOf(out.values());
        }
        for (String entry : enabled) {
            PackageRepository r = openEntry(entry, config, loader, pin, now, zone);
            if (!disabled.contains(r.name())) {
                out.remove(r.name());
                out.put(r.name(), r);
            }
        }
        if (!disabled.contains(ORIGIN) && !out.containsKey(ORIGIN)) {
            defaultOrigin(config, loader, pin).ifPresent(r -> out.put(ORIGIN, r));
        }
        return List.copyOf(out.values());
    }

    /**
     * The repositories a command that changes them (remove, deprecate) acts on, chosen as SPK
     * chooses them: the local repository alone unless {@code -r} names others, then only those
     * ({@code -r local} for local among them); origin is never implied. Only spfs repositories can
     * be changed: a catalog given to {@code -r} is refused.
     */
    public List<SpfsPackageRepository> openForChange(Config config, SpecLoader loader, Instant now, ZoneId zone) {
        Optional<TimeSpec> pin = when.map(w -> TimeSpec.parse(w, now, zone));
        Map<String, PackageRepository> out = new LinkedHashMap<>();
        if (!noLocal && enabled.isEmpty() && !disabled.contains(LOCAL)) {
            local(config, loader, pin).ifPresent(r -> out.put(LOCAL, r));
        }
        for (String entry : enabled) {
            PackageRepository r = openEntry(entry, config, loader, pin, now, zone);
            if (!disabled.contains(r.name())) {
                out.remove(r.name());
                out.put(r.name(), r);
            }
        }
        List<SpfsPackageRepository> spfs = new ArrayList<>();
        for (PackageRepository r : out.values()) {
            if (!(r instanceof SpfsPackageRepository s)) {
                throw new BadRepository("-r " + r.name() + ": a folder or file of package specs cannot be changed; "
                        + "only spfs repositories can");
            }
            spfs.add(s);
        }
        return spfs;
    }

    private static Optional<PackageRepository> local(Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Path root = config.storageRoot();
        if (!SpfsPackageRepository.isSpfsRepository(root)) {
            return Optional.empty();
        }
        return Optional.of(new SpfsPackageRepository(LOCAL, FsRepository.open(root, config.tagNamespace()), loader, pin));
    }

    /**
     * origin when configured: a folder that does not exist (yet) is no error, as in SPK; any other
     * kind (a server, a proxy) is opened, and one that cannot be reached says so.
     */
    private static Optional<PackageRepository> defaultOrigin(Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Config.RemoteConfig origin = config.remotes().get(ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        RepositoryAddress address = RepositoryAddress.parse(origin.address());
        if (address.scheme().equals("file") && !SpfsPackageRepository.isSpfsRepository(Path.of(address.path()))) {
            return Optional.empty();
        }
        return Optional.of(remote(ORIGIN, config, loader, pin));
    }

    private PackageRepository openEntry(String entry, Config config, SpecLoader loader, Optional<TimeSpec> pin,
            Instant now, ZoneId zone) {
        int eq = entry.indexOf('=');
        if (eq > 0 && NAME.matcher(entry.substring(0, eq)).matches()) {
            return openPath(entry.substring(0, eq), Path.of(entry.substring(eq + 1)), loader, pin, false);
        }
        if (Files.exists(Path.of(entry))) {
            Path path = Path.of(entry);
            return openPath(nameOf(path), path, loader, pin, false);
        }
        if (RepositoryAddress.hasScheme(entry)) {
            RepositoryAddress address = RepositoryAddress.parse(entry);
            if (address.scheme().equals("file") && address.query().isEmpty()) {
                Path path = Path.of(address.path());
                return openPath(nameOf(path), path, loader, pin, false);
            }
            // an address (grpc://, proxy:, tar:, ...): named by itself; a time goes in its ?when=
            return new SpfsPackageRepository(entry, new Repositories(config).open(entry), loader, pin);
        }
        // NAME, or NAME~10m / NAME@2024-10-11: a time of its own
        int t = firstOf(entry, '~', '@');
        String name = t < 0 ? entry : entry.substring(0, t);
        Optional<TimeSpec> own = t < 0 ? pin : Optional.of(TimeSpec.parse(entry.substring(t), now, zone));
        if (name.equals(LOCAL)) {
            return local(config, loader, own).orElseThrow(() -> new BadRepository("-r local: there is no local "
                    + "repository at " + config.storageRoot() + " yet (spk build makes it)"));
        }
        if (config.remotes().containsKey(name)) {
            return remote(name, config, loader, own);
        }
        if (t >= 0 && Files.exists(Path.of(name))) {
            return openPath(nameOf(Path.of(name)), Path.of(name), loader, own, true);
        }
        List<String> names = new ArrayList<>(List.of(LOCAL));
        names.addAll(new java.util.TreeSet<>(config.remotes().keySet()));
        throw new BadRepository("-r " + entry + ": no such folder or file, nor a repository of that name (those are: "
                + String.join(", ", names) + "; remotes come from the spfs configuration)");
    }

    private static PackageRepository openPath(String name, Path path, SpecLoader loader, Optional<TimeSpec> pin,
            boolean ownTime) {
        if (SpfsPackageRepository.isSpfsRepository(path)) {
            // SPK's own repositories: packages as tags and layers in an spfs repository
            return new SpfsPackageRepository(name, FsRepository.open(path, Optional.empty()), loader, pin);
        }
        if (ownTime) {
            throw new BadRepository("-r " + path + ": a folder or file of package specs has no history to view at a time");
        }
        return CatalogRepository.load(name, path);
    }

    /** A configured remote of any kind: a folder, a tar file, a server, a proxy. */
    private static PackageRepository remote(String name, Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Repository r = new Repositories(config).open(name);
        return new SpfsPackageRepository(name, r, loader, pin);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** A path's repository name: its file name without the extension. */
    static String nameOf(Path path) {
        Path f = path.toAbsolutePath().normalize().getFileName();
        String n = f == null ? "repo" : f.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A repository given on the command line that cannot be used. */
    public static final class BadRepository extends SpkException {
        private static final long serialVersionUID = 1L;

        BadRepository(String message) {
            super("bad-repository", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }

    /** The names of the repositories, in order (for messages). */
    public static List<String> names(List<PackageRepository> repositories) {
        List<String> out = new ArrayList<>();
        repositories.forEach(r -> out.add(r.name()));
        return out;
    }
}
