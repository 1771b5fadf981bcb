package spk.solver.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import spk.grammar.build.Build;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.Problems;
import spk.spec.problem.SpecException;
import spk.spec.read.SpecReader;
import spk.spec.yaml.YamlNode;

/**
 * A read-only repository of built package specs: a folder of YAML files (any names, sub-folders
 * allowed), each one spec or a list of them, or a single such file. It behaves as if every build
 * had been published: every component it defines (plus {@code build} and {@code run}) has a
 * layer, and the embed stubs of its embedded packages exist. Recipes in it are used to build from
 * source.
 *
 * <p>Loading only indexes: each spec's text is found (the entries of a block list, or the whole
 * file) and its {@code pkg} ident read, and the spec itself is parsed the first time the solver
 * asks for the builds of its version. Specs that embed packages are parsed at once, to know who embeds whom.
 */
public final class CatalogRepository implements PackageRepository {
    private final String name;
    private final Map<PkgName, Map<Version, List<Entry>>> index = new HashMap<>();
    private final Map<PkgName, Map<Version, List<PackageSpec>>> builds = new HashMap<>();
    private final Map<PkgName, Map<Version, Recipe>> recipes = new HashMap<>();
    private final Map<PkgName, List<PackageSpec>> embedders = new HashMap<>();

    /** Where one spec's text is: its file, its text and the line it starts on. */
    private record Entry(String file, String text, int line) {}

    private CatalogRepository(String name) {
        this.name = name;
    }

    /** A catalog of the given specs, for tests and generated catalogs. */
    public static CatalogRepository of(String name, List<PackageSpec> specs, List<Recipe> recipeList) {
        CatalogRepository repo = new CatalogRepository(name);
        for (PackageSpec s : specs) {
            repo.add(s);
        }
        for (Recipe r : recipeList) {
            repo.add(r);
        }
        return repo;
    }

    /** Loads (indexes) a folder or a file of specs; problems name the file, line and field. */
    public static CatalogRepository load(String name, Path path) {
        CatalogRepository repo = new CatalogRepository(name);
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            } catch (IOException e) {
                throw unreadable(path, e);
            }
        } else if (Files.isRegularFile(path)) {
            files = List.of(path);
        } else {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(path.toString()), "",
                    "no such repository folder or file"));
        }
        Problems problems = new Problems();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw unreadable(f, e);
            }
            repo.indexFile(f.toString(), text, problems);
        }
        problems.throwIfErrors();
        return repo;
    }

    private static SpecException unreadable(Path p, IOException e) {
        return new SpecException(new Problem(Problem.Severity.ERROR, Location.file(p.toString()), "",
                "cannot read: " + e.getMessage()));
    }

    /** Splits a file into spec entries; a file it cannot split is read whole. */
    private void indexFile(String file, String text, Problems problems) {
        List<Entry> entries = EntrySplitter.split(file, text);
        if (entries == null) {
            readNow(file, text, 0, problems);
            return;
        }
        for (Entry e : entries) {
            String ident = EntrySplitter.ident(e.text());
            if (ident == null || e.text().contains("embedded")) {
                readNow(e.file(), e.text(), e.line(), problems);
                continue;
            }
            AnyIdent id = quickIdent(ident);
            if (id == null) {
                readNow(e.file(), e.text(), e.line(), problems);
                continue;
            }
            index.computeIfAbsent(id.name(), n -> new HashMap<>()).computeIfAbsent(id.version(), v -> new ArrayList<>())
                    .add(e);
        }
    }

    /** Reads entry text now and adds what it holds. */
    private void readNow(String file, String text, int line, Problems problems) {
        problems.capture(() -> {
            for (SpecFile spec : read(file, text, line, problems)) {
                if (spec instanceof PackageSpec p) {
                    add(p);
                } else if (spec instanceof Recipe r) {
                    add(r);
                }
            }
            return null;
        });
    }

    private static List<SpecFile> read(String file, String text, int line, Problems problems) {
        YamlNode root = YamlNode.parse(file, text, line);
        List<YamlNode> docs = root.isSequence() ? root.items() : List.of(root);
        List<SpecFile> out = new ArrayList<>();
        for (YamlNode doc : docs) {
            Problems one = new Problems();
            SpecFile spec = SpecReader.read(doc, one);
            one.errors().forEach(problems::add);
            if (spec instanceof PackageSpec || spec instanceof Recipe) {
                out.add(spec);
            } else if (spec != null) {
                problems.add(doc.problem("a repository holds package specs and recipes only").problem());
            }
        }
        return out;
    }

    /** {@code name/1.2.3/ABCDEFGH} without the grammar when it is that simple; null if not an ident. */
    private static AnyIdent quickIdent(String text) {
        int a = text.indexOf('/');
        int b = text.lastIndexOf('/');
        if (a > 0 && b > a && PkgName.isValid(text.substring(0, a))) {
            String build = text.substring(b + 1);
            Version v = Version.parse(text.substring(a + 1, b));
            if (Build.Digest.isDigest(build)) {
                return new AnyIdent(new PkgName(text.substring(0, a)), v, Optional.of(new Build.Digest(build)));
            }
        }
        try {
            return AnyIdent.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Parses the indexed entries of one version of a package, once. */
    private void parse(PkgName pkg, Version version) {
        Map<Version, List<Entry>> entries = index.get(pkg);
        List<Entry> list = entries == null ? null : entries.remove(version);
        if (list == null) {
            return;
        }
        Problems problems = new Problems();
        for (Entry e : list) {
            readNow(e.file(), e.text(), e.line(), problems);
        }
        problems.throwIfErrors();
    }

    private void add(PackageSpec spec) {
        builds.computeIfAbsent(spec.pkg().name(), n -> new LinkedHashMap<>())
                .computeIfAbsent(spec.pkg().version(), v -> new ArrayList<>()).add(spec);
        for (EmbeddedPackageSpec e : spec.install().embedded()) {
            embedders.computeIfAbsent(e.pkg().name(), n -> new ArrayList<>()).add(spec);
        }
    }

    private void add(Recipe recipe) {
        recipes.computeIfAbsent(recipe.pkg().name(), n -> new LinkedHashMap<>()).put(recipe.pkg().version(), recipe);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PkgName> packageNames() {
        Set<PkgName> out = new HashSet<>(index.keySet());
        out.addAll(builds.keySet());
        out.addAll(recipes.keySet());
        return out;
    }

    @Override
    public List<Version> versions(PkgName pkg) {
        Set<Version> out = new LinkedHashSet<>();
        out.addAll(index.getOrDefault(pkg, Map.of()).keySet());
        out.addAll(builds.getOrDefault(pkg, Map.of()).keySet());
        out.addAll(recipes.getOrDefault(pkg, Map.of()).keySet());
        return List.copyOf(out);
    }

    @Override
    public List<PackageSpec> builds(PkgName pkg, Version version) {
        parse(pkg, version);
        return builds.getOrDefault(pkg, Map.of()).getOrDefault(version, List.of());
    }

    @Override
    public Optional<Recipe> recipe(PkgName pkg, Version version) {
        parse(pkg, version);
        return Optional.ofNullable(recipes.getOrDefault(pkg, Map.of()).get(version));
    }

    @Override
    public Set<Component> publishedComponents(BuildIdent build) {
        Set<Component> out = new HashSet<>();
        for (PackageSpec s : builds(build.name(), build.version())) {
            if (s.pkg().equals(build)) {
                for (ComponentSpec c : s.install().components()) {
                    out.add(c.name());
                }
                if (!build.build().isSource()) {
                    out.add(Component.BUILD);
                    out.add(Component.RUN);
                }
            }
        }
        return out;
    }

    @Override
    public List<PackageSpec> embeddedBy(PkgName pkg) {
        return embedders.getOrDefault(pkg, List.of());
    }

    /** Finds the spec entries of a file without parsing the YAML. */
    static final class EntrySplitter {
        private EntrySplitter() {}

        /**
         * The entries of a block list at column 0 ({@code - pkg: ...}), or the whole file when it
         * is one mapping; null when the file is neither (flow style, documents, anchors...).
         */
        static List<Entry> split(String file, String text) {
            if (text.contains("\n---") || text.startsWith("---") || text.contains("&")) {
                return null;
            }
            List<Entry> out = new ArrayList<>();
            int first = firstContentLine(text);
            if (first < 0) {
                return out;
            }
            if (!(text.startsWith("- ", first) || text.startsWith("-\n", first))) {
                return text.charAt(first) == '[' || text.charAt(first) == '{' ? null
                        : List.of(new Entry(file, text, 0));
            }
            int start = -1;
            int startLine = 0;
            int line = 0;
            int i = 0;
            while (i < text.length()) {
                int end = text.indexOf('\n', i);
                if (end < 0) {
                    end = text.length();
                }
                char c = i < text.length() ? text.charAt(i) : ' ';
                if (c == '-' && (i + 1 == end || text.charAt(i + 1) == ' ')) {
                    if (start >= 0) {
                        out.add(new Entry(file, text.substring(start, i), startLine));
                    }
                    start = i;
                    startLine = line;
                } else if (c != ' ' && c != '#' && i < end && start >= 0 && c != '\r') {
                    return null;
                }
                i = end + 1;
                line++;
            }
            if (start >= 0) {
                out.add(new Entry(file, text.substring(start), startLine));
            }
            return out;
        }

        private static int firstContentLine(String text) {
            int i = 0;
            while (i < text.length()) {
                int end = text.indexOf('\n', i);
                if (end < 0) {
                    end = text.length();
                }
                String l = text.substring(i, end).strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    return i;
                }
                i = end + 1;
            }
            return -1;
        }

        /** The item-level {@code pkg:} value of an entry ({@code - pkg: x} or {@code   pkg: x}), or null. */
        static String ident(String entry) {
            int i = 0;
            boolean firstLine = true;
            while (i < entry.length()) {
                int end = entry.indexOf('\n', i);
                if (end < 0) {
                    end = entry.length();
                }
                int at = -1;
                if (firstLine && entry.startsWith("- pkg:", i)) {
                    at = i + 6;
                } else if (entry.startsWith("  pkg:", i)) {
                    at = i + 6;
                } else if (firstLine && entry.startsWith("pkg:", i)) {
                    at = i + 4;
                } else if (!firstLine && entry.startsWith("pkg:", i)) {
                    at = i + 4;
                }
                if (at >= 0) {
                    String v = entry.substring(at, end).strip();
                    int hash = v.indexOf(" #");
                    if (hash >= 0) {
                        v = v.substring(0, hash).strip();
                    }
                    if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
                        v = v.substring(1, v.length() - 1);
                    }
                    return v.isEmpty() ? null : v;
                }
                firstLine = false;
                i = end + 1;
            }
            return null;
        }
    }
}
