package spk.solver.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
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
 */
public final class CatalogRepository implements PackageRepository {
    private final String name;
    private final Map<PkgName, Map<Version, List<PackageSpec>>> builds = new HashMap<>();
    private final Map<PkgName, Map<Version, Recipe>> recipes = new HashMap<>();
    private final Map<PkgName, List<PackageSpec>> embedders = new HashMap<>();

    private CatalogRepository(String name) {
        this.name = name;
    }

    /** A catalog of the given specs, for tests and generated catalogs. */
    public static CatalogRepository of(String name, List<PackageSpec> specs, List<Recipe> recipeList) {
        CatalogRepository repo = new CatalogRepository(name);
        specs.forEach(repo::add);
        recipeList.forEach(repo::add);
        return repo;
    }

    /** Loads a folder or a file of specs; problems name the file, line and field. */
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
            problems.capture(() -> {
                YamlNode root = YamlNode.parse(f.toString(), text);
                List<YamlNode> docs = root.isSequence() ? root.items() : List.of(root);
                for (YamlNode doc : docs) {
                    Problems one = new Problems();
                    var spec = SpecReader.read(doc, one);
                    one.errors().forEach(problems::add);
                    if (spec instanceof PackageSpec p) {
                        repo.add(p);
                    } else if (spec instanceof Recipe r) {
                        repo.add(r);
                    } else if (spec != null) {
                        problems.add(doc.problem("a repository holds package specs and recipes only").problem());
                    }
                }
                return null;
            });
        }
        problems.throwIfErrors();
        return repo;
    }

    private static SpecException unreadable(Path p, IOException e) {
        return new SpecException(new Problem(Problem.Severity.ERROR, Location.file(p.toString()), "",
                "cannot read: " + e.getMessage()));
    }

    private void add(PackageSpec spec) {
        builds.computeIfAbsent(spec.pkg().name(), n -> new TreeMap<>())
                .computeIfAbsent(spec.pkg().version(), v -> new ArrayList<>()).add(spec);
        for (EmbeddedPackageSpec e : spec.install().embedded()) {
            embedders.computeIfAbsent(e.pkg().name(), n -> new ArrayList<>()).add(spec);
        }
    }

    private void add(Recipe recipe) {
        recipes.computeIfAbsent(recipe.pkg().name(), n -> new TreeMap<>()).put(recipe.pkg().version(), recipe);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<PkgName> packageNames() {
        Set<PkgName> out = new HashSet<>(builds.keySet());
        out.addAll(recipes.keySet());
        return out;
    }

    @Override
    public List<Version> versions(PkgName pkg) {
        Set<Version> out = new LinkedHashSet<>();
        out.addAll(builds.getOrDefault(pkg, Map.of()).keySet());
        out.addAll(recipes.getOrDefault(pkg, Map.of()).keySet());
        return List.copyOf(out);
    }

    @Override
    public List<PackageSpec> builds(PkgName pkg, Version version) {
        return builds.getOrDefault(pkg, Map.of()).getOrDefault(version, List.of());
    }

    @Override
    public Optional<Recipe> recipe(PkgName pkg, Version version) {
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
}
