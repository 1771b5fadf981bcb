package spk.storage.upkeep;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import spfs.encoding.Digest;
import spfs.graph.Entry;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.Platform;
import spfs.graph.SpfsObject;
import spfs.graph.Tree;
import spfs.storage.fs.FsRepository;
import spk.error.SpkException;
import spk.grammar.build.Build;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.model.PackageSpec;
import spk.storage.SpfsPackageRepository;

/**
 * SPK's {@code spk du}: the disk usage of the files of packages, found by walking repositories
 * down to each build's component layers and the files in them. A path is either in du form,
 * {@code REPO/PKG/VERSION/BUILD/:COMPONENTS/dir/file}, or in request form,
 * {@code PKG:COMPONENTS/VERSION/BUILD}. Its number of levels (one more with a trailing slash) is
 * the depth files are grouped at when summarising: {@code python} sums each repository's python,
 * {@code python/} each of its versions. A payload is counted once unless links are counted.
 */
public final class DiskUsage {
    private DiskUsage() {}

    /** What to measure, parsed from a du path. */
    public record Target(Optional<String> repository, Optional<PkgName> name, Optional<Version> version,
            Optional<Build> build, SortedSet<Component> components, List<String> filePath, int depth) {
        public Target {
            components = new TreeSet<>(components);
            filePath = List.copyOf(filePath);
        }
    }

    /** One file of one component of one build: its path from the repository down, and size. */
    public record FileUsage(List<String> path, long size, boolean deprecated) {
        public FileUsage {
            path = List.copyOf(path);
        }

        public String joined() {
            return String.join("/", path);
        }
    }

    /** The files under one path at the grouping depth, summed. */
    public record Group(String path, long size, boolean deprecated) {}

    /**
     * Parses a du path; the first level is a repository when it is one of {@code repositoryNames}.
     *
     * @throws BadPath when it is neither form
     */
    public static Target parse(String text, Set<String> repositoryNames) {
        int extra = text.endsWith("/") ? 1 : 0;
        String trimmed = text.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            throw new BadPath("an empty du path: give a repository, a package, or REPO/PKG/VERSION/BUILD/:COMPONENTS/PATH");
        }
        if (repositoryNames.contains(trimmed)) {
            return new Target(Optional.of(trimmed), Optional.empty(), Optional.empty(), Optional.empty(), new TreeSet<>(),
                    List.of(), 1 + extra);
        }
        String[] parts = trimmed.split("/");
        int marker = -1;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].startsWith(":")) {
                marker = i;
                break;
            }
        }
        if (marker < 0) {
            // request form: [REPO/]PKG[:COMPONENTS][/VERSION[/BUILD]]
            Optional<String> repo = repositoryNames.contains(parts[0]) && parts.length > 1 ? Optional.of(parts[0])
                    : Optional.empty();
            String rest = repo.isPresent() ? trimmed.substring(parts[0].length() + 1) : trimmed;
            if (rest.split("/").length > 3) {
                throw new BadPath("'" + text + "': a path to files inside a build needs the components level: "
                        + "REPO/PKG/VERSION/BUILD/:COMPONENTS/PATH");
            }
            RangeIdent ident = parseIdent(rest, text);
            int depth = parts.length + extra + (repo.isEmpty() ? 1 : 0) + (ident.components().isEmpty() ? 0 : 1);
            return new Target(repo, Optional.of(ident.name()), exactVersion(ident, text), ident.build(),
                    ident.components(), List.of(), depth);
        }
        int lead = repositoryNames.contains(parts[0]) ? 1 : 0;
        if (marker - lead != 3) {
            throw new BadPath("'" + text + "': the :COMPONENTS level comes after exactly a package, a version and a build "
                    + "(REPO/PKG/VERSION/BUILD/:COMPONENTS/PATH, or PKG:COMPONENTS/VERSION/BUILD)");
        }
        String ident = parts[lead] + parts[marker] + "/" + parts[lead + 1] + "/" + parts[lead + 2];
        RangeIdent r = parseIdent(ident, text);
        List<String> file = new ArrayList<>(List.of(parts).subList(marker + 1, parts.length));
        return new Target(lead == 1 ? Optional.of(parts[0]) : Optional.empty(), Optional.of(r.name()), exactVersion(r, text),
                r.build(), r.components(), file, parts.length + extra + (lead == 1 ? 0 : 1));
    }

    private static RangeIdent parseIdent(String ident, String whole) {
        try {
            return RangeIdent.parse(ident);
        } catch (SpkException e) {
            throw new BadPath("'" + whole + "' is not a du path: " + e.getMessage());
        }
    }

    private static Optional<Version> exactVersion(RangeIdent ident, String whole) {
        String text = ident.version().toString();
        if (text.isEmpty() || text.equals("*")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Version.parse(text));
        } catch (SpkException e) {
            throw new BadPath("'" + whole + "': du takes a version, not a range ('" + text + "')");
        }
    }

    /**
     * Every file the target reaches, in order: repository, package, version, build, component
     * (each sorted), then the files depth first. Deprecated builds are left out unless asked for.
     */
    public static List<FileUsage> files(List<SpfsPackageRepository> repositories, Target target, boolean countLinks,
            boolean withDeprecated) {
        List<FileUsage> out = new ArrayList<>();
        Set<Digest> seen = new HashSet<>();
        for (SpfsPackageRepository repo : repositories) {
            if (target.repository().isPresent() && !target.repository().get().equals(repo.name())) {
                continue;
            }
            List<PkgName> names = target.name().map(List::of).orElseGet(() -> List.copyOf(repo.packageNames()));
            for (PkgName name : names) {
                for (Version v : repo.versions(name).stream().sorted().toList()) {
                    if (target.version().isPresent() && !target.version().get().equals(v)) {
                        continue;
                    }
                    List<PackageSpec> builds = new ArrayList<>(repo.builds(name, v));
                    builds.sort(java.util.Comparator.comparing(b -> b.pkg().build().toString()));
                    for (PackageSpec b : builds) {
                        if (b.pkg().build().isEmbedded() || (b.deprecated() && !withDeprecated)
                                || target.build().map(x -> !x.equals(b.pkg().build())).orElse(false)) {
                            continue;
                        }
                        for (Map.Entry<Component, Digest> c : repo.layers(b.pkg()).entrySet()) {
                            if (!target.components().isEmpty() && !target.components().contains(c.getKey())) {
                                continue;
                            }
                            List<String> prefix = List.of(repo.name(), name.value(), v.toString(), b.pkg().build().toString(),
                                    ":" + c.getKey());
                            for (Manifest m : manifests(repo.storage(), c.getValue())) {
                                walk(m, m.root(), m.treesByDigest(), new ArrayList<>(), target.filePath(), (path, e) -> {
                                    boolean first = seen.add(e.object());
                                    List<String> full = new ArrayList<>(prefix);
                                    full.addAll(path);
                                    out.add(new FileUsage(full, first || countLinks ? e.size() : 0, b.deprecated()));
                                });
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<Manifest> manifests(spfs.storage.ObjectDatabase spfs, Digest digest) {
        List<Manifest> out = new ArrayList<>();
        SpfsObject o = spfs.readObject(digest);
        if (o instanceof Platform p) {
            for (Digest d : p.stack()) {
                out.addAll(manifests(spfs, d));
            }
        } else if (o instanceof Layer l && l.manifest().isPresent()) {
            out.add((Manifest) spfs.readObject(l.manifest().get()));
        } else if (o instanceof Manifest m) {
            out.add(m);
        }
        return out;
    }

    private interface FileVisitor {
        void file(List<String> path, Entry entry);
    }

    /** Files (blobs) of {@code tree}, by name, depth first; only those under {@code only} when it is given. */
    private static void walk(Manifest m, Tree tree, Map<Digest, Tree> trees, List<String> path, List<String> only,
            FileVisitor visitor) {
        List<Entry> entries = new ArrayList<>(tree.entries());
        entries.sort(java.util.Comparator.comparing(Entry::name));
        for (Entry e : entries) {
            List<String> p = new ArrayList<>(path);
            p.add(e.name());
            int n = Math.min(p.size(), only.size());
            if (!p.subList(0, n).equals(only.subList(0, n))) {
                continue;
            }
            if (e.isBlob() && p.size() >= only.size()) {
                visitor.file(p, e);
            } else if (e.isTree() && trees.containsKey(e.object())) {
                walk(m, trees.get(e.object()), trees, p, only, visitor);
            }
        }
    }

    /** The files summed per path at {@code depth} levels, in the order first met; files not that deep are left out. */
    public static List<Group> grouped(List<FileUsage> files, int depth) {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        Map<String, Boolean> deprecated = new LinkedHashMap<>();
        for (FileUsage f : files) {
            if (f.path().size() < depth) {
                continue;
            }
            String key = String.join("/", f.path().subList(0, depth)) + (f.path().size() > depth ? "/" : "");
            sizes.computeIfAbsent(key, k -> new long[1])[0] += f.size();
            deprecated.putIfAbsent(key, f.deprecated());
        }
        List<Group> out = new ArrayList<>();
        sizes.forEach((k, v) -> out.add(new Group(k, v[0], deprecated.get(k))));
        return out;
    }

    /** A size as SPK writes it for people: one decimal and a binary unit, e.g. {@code 1.5 Ki}. */
    public static String human(long bytes) {
        double size = bytes;
        for (String unit : new String[] {"B", "Ki", "Mi", "Gi", "Ti"}) {
            if (size < 1024) {
                return String.format(Locale.ROOT, "%.1f %s", size, unit);
            }
            size /= 1024;
        }
        return String.format(Locale.ROOT, "%.1f Pi", size);
    }

    /** A du path that cannot be read. */
    public static final class BadPath extends SpkException {
        private static final long serialVersionUID = 1L;

        BadPath(String message) {
            super("bad-du-path", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
