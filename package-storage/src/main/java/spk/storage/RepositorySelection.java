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
 * <p>An entry of {@code -r} is {@code local}, a configured remote's name, {@code NAME=PATH}, or a
 * path: an spfs repository, a folder of built package specs, or one YAML file of them. A name may
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

    private static Optional<PackageRepository> local(Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Path root = config.storageRoot();
        if (!SpfsPackageRepository.isSpfsRepository(root)) {
            return Optional.empty();
        }
        return Optional.of(new SpfsPackageRepository(LOCAL, FsRepository.open(root, config.tagNamespace()), loader, pin));
    }

    /** origin when configured as a repository on this file system; like SPK, a missing origin is no error. */
    private static Optional<PackageRepository> defaultOrigin(Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Config.RemoteConfig origin = config.remotes().get(ORIGIN);
        if (origin == null) {
            return Optional.empty();
        }
        String address = origin.address().replaceFirst("\\?.*", "");
        Path path = Path.of(address.startsWith("file:") ? address.substring("file:".length()).replaceFirst("^//", "") : address);
        if (!address.startsWith("file:") && !address.startsWith("/") || !SpfsPackageRepository.isSpfsRepository(path)) {
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

    private static PackageRepository remote(String name, Config config, SpecLoader loader, Optional<TimeSpec> pin) {
        Repository r = new Repositories(config).open(name);
        if (r instanceof spfs.storage.tar.TarRepository) {
            r.close();
            throw new BadRepository("remote '" + name + "' (" + config.remotes().get(name).address()
                    + ") is a tar archive; packages are read from folder and s3:// repositories");
        }
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
