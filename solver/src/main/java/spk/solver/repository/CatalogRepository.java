package spk.solver.repository;

import java.io.IOException;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
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
import spk.solver.repository.index.CorruptIndexException;
import spk.solver.repository.index.RepositoryIndex;

/**
 * A read-only repository of built package specs: a folder of YAML files (any names, sub-folders
 * allowed), each one spec or a list of them, or a single such file. It behaves as if every build
 * had been published: every component it defines (plus {@code build} and {@code run}) has a
 * layer, and the embed stubs of its embedded packages exist. Recipes in it are used to build from
 * source.
 *
 * <p>Loading only indexes: each spec's text is found (the entries of a block list, or the whole
 * file) and its {@code pkg} ident read, and the spec itself is parsed the first time the solver
 * asks for the builds of its version, or asks which builds embed a package it names.
 */
public final class CatalogRepository implements PackageRepository {
    private final String name;
    /** Whether the specs come from the folder's index rather than its files. */
    private boolean fromIndex;
    /** Indexed specs by name, then by version text: versions are parsed when first asked for. */
    private final Map<PkgName, Map<String, List<PendingSpec>>> unparsedVersions = new HashMap<>();
    /** Indexed specs by name and version, not read yet. */
    private final Map<PkgName, Map<Version, List<PendingSpec>>> index = new HashMap<>();
    private final Map<PkgName, Map<Version, List<PackageSpec>>> builds = new HashMap<>();
    private final Map<PkgName, Map<Version, Recipe>> recipes = new HashMap<>();
    private final Map<PkgName, List<PackageSpec>> embedders = new HashMap<>();
    /** Unread specs that may embed packages, by each word that follows their {@code embedded} key. */
    private final Map<String, List<CatalogIndex.Indexed>> mayEmbed = new HashMap<>();
    /** Packages of the index whose specs are not listed yet: listed when first asked for. */
    private final Map<PkgName, RepositoryIndex.PackageEntry> unlisted = new HashMap<>();
    /** Unlisted packages whose builds may embed packages, by each name they may embed. */
    private final Map<String, List<RepositoryIndex.PackageEntry>> unlistedMayEmbed = new HashMap<>();
    private final Map<String, PkgName> names = new HashMap<>();

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

    /** Loads a folder or a file of specs, warning on standard error about an index it cannot use. */
    public static CatalogRepository load(String name, Path path) {
        return load(name, path, w -> System.err.println("warning: " + w));
    }

    /**
     * Loads (indexes) a folder or a file of specs; problems name the file, line and field. A
     * folder's fresh index ({@link CatalogIndexFile}) is used instead of its files; a stale or
     * damaged one is passed to {@code warnings} and the files are read.
     */
    public static CatalogRepository load(String name, Path path, Consumer<String> warnings) {
        if (Files.isDirectory(path)) {
            Optional<RepositoryIndex> index = CatalogIndexFile.openFresh(path, warnings);
            if (index.isPresent()) {
                try {
                    return fromIndex(name, index.get());
                } catch (CorruptIndexException e) {
                    warnings.accept("the index of " + path + " cannot be used (" + e.getMessage() + "); reading the specs");
                }
            }
        }
        return fromScans(name, scanAll(specFiles(path)));
    }

    /** Whether a file of a catalog folder holds specs. */
    static boolean isSpecFile(Path p) {
        String s = p.toString();
        return s.endsWith(".yaml") || s.endsWith(".yml");
    }

    /** The spec files of a catalog folder, sorted, or the one file given. */
    static List<Path> specFiles(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                return s.filter(Files::isRegularFile).filter(CatalogRepository::isSpecFile).sorted().toList();
            } catch (IOException e) {
                throw unreadable(path, e);
            }
        } else if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(path.toString()), "",
                "no such repository folder or file"));
    }

    private static List<CatalogIndex.Scanned> scanAll(List<Path> files) {
        // reading and scanning the files is most of the work; two cores halve it
        return files.parallelStream().map(f -> {
            try {
                return CatalogIndex.scan(f.toString(), Files.readAllBytes(f));
            } catch (IOException e) {
                throw unreadable(f, e);
            }
        }).toList();
    }

    private static CatalogRepository fromScans(String name, List<CatalogIndex.Scanned> scanned) {
        CatalogRepository repo = new CatalogRepository(name);
        Problems problems = new Problems();
        for (CatalogIndex.Scanned s : scanned) {
            for (CatalogIndex.Indexed i : s.indexed()) {
                repo.pending(i, problems);
            }
            for (PendingSpec e : s.parseNow()) {
                repo.readNow(e, problems);
            }
        }
        problems.throwIfErrors();
        return repo;
    }

    private static CatalogRepository fromIndex(String name, RepositoryIndex index) {
        CatalogRepository repo = new CatalogRepository(name);
        repo.fromIndex = true;
        Problems problems = new Problems();
        for (RepositoryIndex.PackageEntry p : index.packages(file -> {
            throw new CorruptIndexException("an entry refers to " + file + ", which a folder's index cannot hold");
        })) {
            if (!PkgName.isValid(p.name())) {
                repo.list(p, problems); // its specs' errors are reported now, as when reading the files
                continue;
            }
            repo.unlisted.put(repo.nameOf(p.name()), p);
            for (String word : p.embeds()) {
                repo.unlistedMayEmbed.computeIfAbsent(word, k -> new ArrayList<>()).add(p);
            }
        }
        for (PendingSpec e : index.eager()) {
            repo.readNow(e, problems);
        }
        problems.throwIfErrors();
        return repo;
    }

    private PkgName nameOf(String text) {
        return names.computeIfAbsent(text, t -> PkgName.isValid(t) ? new PkgName(t) : null);
    }

    /** Files the specs of an indexed package to be read when their versions are asked for. */
    private void list(RepositoryIndex.PackageEntry p, Problems problems) {
        p.visit((pkg, version, spec, embeds) ->
                pending(new CatalogIndex.Indexed(pkg, version, spec, Set.copyOf(embeds)), problems));
    }

    /** Files a spec to be read when its version is asked for (or now, when its name is bad). */
    private void pending(CatalogIndex.Indexed i, Problems problems) {
        PkgName n = nameOf(i.name());
        if (n == null) {
            readNow(i.entry(), problems);
            return;
        }
        unparsedVersions.computeIfAbsent(n, k -> new HashMap<>()).computeIfAbsent(i.version(), k -> new ArrayList<>())
                .add(i.entry());
        for (String word : i.mentions()) {
            mayEmbed.computeIfAbsent(word, k -> new ArrayList<>()).add(i);
        }
    }

    static SpecException unreadable(Path p, IOException e) {
        return new SpecException(new Problem(Problem.Severity.ERROR, Location.file(p.toString()), "",
                "cannot read: " + spk.spec.problem.ReadFailure.describe(e)));
    }

    /** Lists the specs of a package of the index, once. */
    private void listIndexed(PkgName pkg) {
        RepositoryIndex.PackageEntry p = unlisted.remove(pkg);
        if (p != null) {
            Problems problems = new Problems();
            list(p, problems);
            problems.throwIfErrors();
        }
    }

    /** Reads entry text now and adds what it holds. */
    private void readNow(PendingSpec e, Problems problems) {
        problems.capture(() -> {
            for (SpecFile spec : e.read(problems)) {
                if (spec instanceof PackageSpec p) {
                    add(p);
                } else if (spec instanceof Recipe r) {
                    add(r);
                }
            }
            return null;
        });
    }

    /** Parses the indexed entries of one version of a package, once. */
    private void parse(PkgName pkg, Version version) {
        Map<Version, List<PendingSpec>> entries = indexed(pkg);
        List<PendingSpec> list = entries == null ? null : entries.remove(version);
        if (list == null) {
            return;
        }
        Problems problems = new Problems();
        for (PendingSpec e : list) {
            readNow(e, problems);
        }
        problems.throwIfErrors();
    }

    /** The unread specs of a package by version, parsing its version texts on first use. */
    private Map<Version, List<PendingSpec>> indexed(PkgName pkg) {
        listIndexed(pkg);
        Map<String, List<PendingSpec>> texts = unparsedVersions.remove(pkg);
        if (texts != null) {
            Map<Version, List<PendingSpec>> byVersion = index.computeIfAbsent(pkg, k -> new HashMap<>());
            Problems problems = new Problems();
            texts.forEach((text, entries) -> problems.capture(() -> {
                Version v;
                try {
                    v = Version.parse(text);
                } catch (spk.error.SpkException ex) {
                    throw new SpecException(new Problem(Problem.Severity.ERROR, entries.get(0).location(), "pkg",
                            ex.getMessage()));
                }
                byVersion.computeIfAbsent(v, k -> new ArrayList<>()).addAll(entries);
                return null;
            }));
            problems.throwIfErrors();
        }
        return index.get(pkg);
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

    /** Whether this catalog was loaded from its folder's index (see {@link CatalogIndexFile}). */
    public boolean fromIndex() {
        return fromIndex;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PkgName> packageNames() {
        Set<PkgName> out = new HashSet<>(index.keySet());
        out.addAll(unparsedVersions.keySet());
        out.addAll(unlisted.keySet());
        out.addAll(builds.keySet());
        out.addAll(recipes.keySet());
        return out;
    }

    @Override
    public List<Version> versions(PkgName pkg) {
        Set<Version> out = new LinkedHashSet<>();
        Map<Version, List<PendingSpec>> unread = indexed(pkg);
        if (unread != null) {
            out.addAll(unread.keySet());
        }
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
        for (RepositoryIndex.PackageEntry p : unlistedMayEmbed.getOrDefault(pkg.value(), List.of())) {
            listIndexed(nameOf(p.name()));
        }
        unlistedMayEmbed.remove(pkg.value());
        List<CatalogIndex.Indexed> maybe = mayEmbed.remove(pkg.value());
        if (maybe != null) {
            // read the versions of the specs that spell the name; those that embed it add themselves
            for (CatalogIndex.Indexed i : maybe) {
                PkgName parent = new PkgName(i.name());
                indexed(parent); // reports a bad version text with its file and line
                parse(parent, Version.parse(i.version()));
            }
        }
        return embedders.getOrDefault(pkg, List.of());
    }
}
