package spk.spec.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import spk.error.SpkException;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.PkgName;
import spk.grammar.range.LowestSpecifiedRange;
import spk.grammar.version.Version;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.Problems;
import spk.spec.problem.SpecException;
import spk.spec.yaml.YamlNode;

/**
 * SPK's workspace: the recipe files of a project and, for templates, the versions each can make.
 * A {@code workspace.spk.yaml} found in the folder or above lists them by glob (a later entry's
 * {@code versions} replace an earlier match's; {@code **}{@code /} also matches no folder, as in
 * SPK); without one, the folder's {@code *.spk.yaml} files are the workspace. A command then takes
 * a package name, {@code NAME/VERSION} or a file path for a recipe.
 *
 * @param root the folder globs are relative to
 * @param recipes each recipe file (real path) and the versions it can make (none: any, or its own)
 */
public record Workspace(Path root, Map<Path, List<Version>> recipes) {
    public static final String FILE_NAME = "workspace.spk.yaml";

    public Workspace {
        recipes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recipes));
    }

    /** The recipe a package argument names, and the version to render it with when the argument asks for one. */
    public record Found(Path file, Optional<Version> version) {}

    /** Finds the workspace for {@code dir}: the nearest workspace.spk.yaml walking up, else the folder's specs. */
    public static Workspace discover(Path dir) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(FILE_NAME))) {
                return load(p.resolve(FILE_NAME));
            }
        }
        Map<Path, List<Version>> found = new LinkedHashMap<>();
        for (Path f : matches(dir.toAbsolutePath().normalize(), "*.spk.yaml")) {
            found.put(f, List.of());
        }
        return new Workspace(dir.toAbsolutePath().normalize(), found);
    }

    /** Reads a workspace file; entries later in the file replace the versions of earlier matches. */
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
        Path dir = file.toAbsolutePath().normalize().getParent();
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

    /** Files under {@code dir} matching {@code glob}, as real paths, sorted. */
    private static List<Path> matches(Path dir, String glob) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String g : zeroFolderForms(glob)) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                Path rel = dir.relativize(p);
                return matchers.stream().anyMatch(m -> m.matches(rel));
            }).map(Workspace::real).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The glob and each form of it with some {@code **}{@code /} dropped: there they match no folder. */
    private static Set<String> zeroFolderForms(String glob) {
        Set<String> out = new LinkedHashSet<>(List.of(glob));
        int i = glob.indexOf("**/");
        if (i >= 0) {
            for (String rest : zeroFolderForms(glob.substring(i + 3))) {
                out.add(glob.substring(0, i) + rest);
                out.add(glob.substring(0, i + 3) + rest);
            }
        }
        return out;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /**
     * The package a recipe file makes, read from its {@code pkg} (or {@code platform}) field before
     * any template is rendered, as SPK names templates; empty for a requests file or a file that is
     * not a YAML mapping.
     */
    public static Optional<PkgName> templateName(Path file) {
        try {
            YamlNode root = YamlNode.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            String api = root.get("api").map(YamlNode::string).orElse("v0/package");
            String field = api.endsWith("/platform") ? "platform" : api.endsWith("/requirements") ? "" : "pkg";
            if (field.isEmpty() || root.get(field).isEmpty()) {
                return Optional.empty();
            }
            String ident = root.get(field).get().string();
            int slash = ident.indexOf('/');
            return Optional.of(PkgName.parse(slash < 0 ? ident : ident.substring(0, slash)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // SPK leaves such a file out of the workspace
        }
    }

    /**
     * SPK's lookup of a package argument: a package name (the one recipe of that name), {@code
     * NAME/VERSION} (the recipe whose versions admit it, rendered with the highest of them), or a
     * file (in the workspace or not).
     *
     * @throws NotInWorkspace when nothing, or more than one recipe, fits
     */
    public Found resolve(String argument) {
        Map<Path, Optional<PkgName>> names = new HashMap<>();
        recipes.keySet().forEach(f -> names.put(f, templateName(f)));
        if (PkgName.isValid(argument)) {
            PkgName name = PkgName.parse(argument);
            return new Found(one(argument, recipes.keySet().stream().filter(f -> names.get(f).equals(Optional.of(name)))
                    .toList()), Optional.empty());
        }
        Optional<VersionIdent> ident = versionIdent(argument);
        if (ident.isPresent()) {
            Version asked = ident.get().version();
            List<Path> fit = recipes.entrySet().stream()
                    .filter(e -> names.get(e.getKey()).equals(Optional.of(ident.get().name())))
                    .filter(e -> e.getValue().isEmpty() || e.getValue().stream().anyMatch(v -> admits(asked, v)))
                    .map(Map.Entry::getKey).toList();
            Path f = one(argument, fit);
            // python/3.11 means a 3.11 version when the template makes one, though ~3.11 admits 3.12 too
            List<Version> admitted = recipes.get(f).stream().filter(v -> admits(asked, v)).toList();
            Optional<Version> version = admitted.stream().filter(v -> startsWith(v, asked)).max(Comparator.naturalOrder())
                    .or(() -> admitted.stream().max(Comparator.naturalOrder())).or(() -> Optional.of(asked));
            return new Found(f, version);
        }
        Path file = Path.of(argument);
        if (Files.isRegularFile(file)) {
            return new Found(real(file), Optional.empty());
        }
        throw new NotInWorkspace("no recipe for '" + argument + "' in the workspace at " + root
                + ", and no such file");
    }

    private Path one(String argument, List<Path> fit) {
        if (fit.size() == 1) {
            return fit.get(0);
        }
        if (fit.isEmpty()) {
            throw new NotInWorkspace("no recipe for '" + argument + "' in the workspace at " + root
                    + (recipes.isEmpty() ? " (it has none)" : ""));
        }
        StringBuilder list = new StringBuilder();
        for (Path f : fit) {
            List<Version> vs = recipes.get(f);
            list.append("\n - ").append(root.relativize(f)).append(" versions=[")
                    .append(vs.isEmpty() ? "<any>" : String.join(", ", vs.stream().map(Version::toString).toList())).append("]");
        }
        throw new NotInWorkspace("several recipes in the workspace at " + root + " make '" + argument
                + "'; give a version or a file:" + list);
    }

    /**
     * Whether a template version can serve a request for {@code asked}: SPK's lowest-specified
     * range ({@code 3.11} admits {@code >=3.11,<4}); a one-part version admits its own major.
     */
    private static boolean admits(Version asked, Version v) {
        return asked.partCount() < 2 ? startsWith(v, asked) : new LowestSpecifiedRange(asked).isApplicable(v).isOk();
    }

    /** {@code v}'s leading parts are {@code prefix}'s. */
    private static boolean startsWith(Version v, Version prefix) {
        for (int i = 0; i < prefix.partCount(); i++) {
            if (v.part(i) != prefix.part(i)) {
                return false;
            }
        }
        return true;
    }

    private static Optional<VersionIdent> versionIdent(String text) {
        if (text.chars().filter(c -> c == '/').count() != 1 || text.endsWith(".yaml") || text.endsWith(".yml")) {
            return Optional.empty();
        }
        try {
            return Optional.of(VersionIdent.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
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

    /** A package argument the workspace has no single recipe for. */
    public static final class NotInWorkspace extends SpkException {
        private static final long serialVersionUID = 1L;

        NotInWorkspace(String message) {
            super("not-in-workspace", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
