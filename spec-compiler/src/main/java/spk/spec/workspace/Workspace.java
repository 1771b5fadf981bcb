package spk.spec.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import spk.grammar.version.Version;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.Problems;
import spk.spec.problem.SpecException;
import spk.spec.yaml.YamlNode;

/**
 * A {@code workspace.spk.yaml}: the recipe files of a project (globs) and, for templates, the
 * versions each can build. Without one, the {@code *.spk.yaml} files of the folder form the
 * workspace.
 */
public record Workspace(Path root, Map<Path, List<Version>> recipes) {
    public static final String FILE_NAME = "workspace.spk.yaml";

    /** Finds the workspace for {@code dir}: the nearest workspace.spk.yaml walking up, else the folder's specs. */
    public static Workspace discover(Path dir) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(FILE_NAME))) {
                return load(p.resolve(FILE_NAME));
            }
        }
        Map<Path, List<Version>> found = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.getFileName().toString().endsWith(".spk.yaml")).sorted().forEach(f -> found.put(f, List.of()));
        } catch (IOException e) {
            // an unreadable folder is an empty workspace
        }
        return new Workspace(dir, found);
    }

    /** Reads a workspace file; entries later in the file add versions to earlier matches. */
    public static Workspace load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    "cannot read the workspace: " + spk.spec.problem.ReadFailure.describe(e)));
        }
        Problems problems = new Problems();
        YamlNode root = YamlNode.parse(file.toString(), text);
        Path dir = file.toAbsolutePath().getParent();
        Map<Path, List<Version>> recipes = new LinkedHashMap<>();
        problems.capture(() -> {
            root.get("api").ifPresent(a -> {
                if (!a.string().equals("v0/workspace")) {
                    throw a.problem("expected api: v0/workspace, found '" + a.string() + "'");
                }
            });
            for (YamlNode entry : root.get("recipes").map(YamlNode::items).orElse(List.of())) {
                problems.capture(() -> {
                    readEntry(dir, entry, recipes);
                    return null;
                });
            }
            return null;
        });
        problems.throwIfErrors();
        return new Workspace(dir, recipes);
    }

    private static void readEntry(Path dir, YamlNode entry, Map<Path, List<Version>> recipes) {
        String glob;
        List<Version> versions = new ArrayList<>();
        if (entry.isMapping()) {
            glob = entry.get("path").orElseThrow(() -> entry.problem("a recipe entry needs 'path'")).string();
            for (YamlNode v : entry.get("versions").map(YamlNode::items).orElse(List.of())) {
                for (String text : BraceExpansion.expand(v.string())) {
                    try {
                        versions.add(Version.parse(text));
                    } catch (RuntimeException e) {
                        throw v.problem(e.getMessage());
                    }
                }
            }
        } else {
            glob = entry.string();
        }
        for (Path match : matches(dir, glob)) {
            List<Version> current = recipes.getOrDefault(match, List.of());
            recipes.put(match, versions.isEmpty() ? current : List.copyOf(versions));
        }
    }

    private static List<Path> matches(Path dir, String glob) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(dir.relativize(p))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The recipe file for {@code name} (a package name) and, when given, the version: a template
     * whose versions include it, or a file whose name matches.
     */
    public Optional<Path> find(String name, Optional<Version> version, java.util.function.Function<Path, String> nameOf) {
        for (Map.Entry<Path, List<Version>> e : recipes.entrySet()) {
            if (!name.equals(nameOf.apply(e.getKey()))) {
                continue;
            }
            if (version.isEmpty() || e.getValue().isEmpty() || e.getValue().contains(version.get())) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * The recipe a command means when it names none, as SPK's {@code spk build} without an
     * argument: the one {@code *.spk.yaml} in {@code dir} (besides a workspace file). None, or
     * several, is a bad-input error saying so.
     */
    public static Path onlyRecipeIn(Path dir) {
        List<Path> found;
        try (Stream<Path> s = Files.list(dir.toAbsolutePath())) {
            found = s.filter(f -> f.getFileName().toString().endsWith(".spk.yaml"))
                    .filter(f -> !f.getFileName().toString().equals(FILE_NAME)).filter(Files::isRegularFile)
                    .map(f -> dir.resolve(f.getFileName())).sorted().toList();
        } catch (IOException e) {
            found = List.of();
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        String message = found.isEmpty() ? "no recipe (*.spk.yaml) here; name the one to use"
                : "several recipes here (" + String.join(", ", found.stream().map(f -> f.getFileName().toString()).toList())
                        + "); name the one to use";
        String where = dir.toAbsolutePath().normalize().toString();
        throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(where), "", message));
    }
}
