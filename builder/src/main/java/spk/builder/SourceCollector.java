package spk.builder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import spfs.error.IoMessages;
import spk.spec.model.SourceSpec;

/**
 * Gathers a recipe's sources into a folder, as SPK's make-source does, each into its
 * {@code subdir} when it names one: local paths (relative to the recipe) copied without what
 * their {@code exclude} patterns and {@code .gitignore} files leave out, git repositories cloned
 * (from a URL, a {@code file://} URL or a local path) with their submodules, tar archives (a
 * local file or an http(s) URL) extracted, and scripts run there with bash, in order, so a script
 * sees what earlier sources brought.
 */
public final class SourceCollector {
    /** Runs a source script with {@code bash -ex} in a folder, seeing {@code env}. */
    @FunctionalInterface
    public interface ScriptSources {
        void run(String script, Path dir, Map<String, String> env);
    }

    private final ScratchFolders scratch;
    private final ScriptSources scripts;

    /**
     * @param scratch where download folders and the processes that collect sources (git, tar,
     *                scripts on the host) are tracked, to be removed or stopped if the build is cut short
     * @param scripts where script sources run (SPK runs them in a runtime, so /spfs is not the host's)
     */
    public SourceCollector(ScratchFolders scratch, ScriptSources scripts) {
        this.scratch = scratch;
        this.scripts = scripts;
    }

    /** Scripts run right on the host. */
    public SourceCollector(ScratchFolders scratch) {
        this.scratch = scratch;
        this.scripts = (script, dir, env) -> {
            try {
                run(List.of("bash", "-ex", "-c", script), dir, env, "the source script");
            } catch (IOException e) {
                throw new BinaryBuilder.BuildFailed("cannot run the source script: " + IoMessages.describe(e));
            }
        };
    }

    /** @param env the variables scripts see (SPK gives them the package's {@code SPK_PKG*}) */
    public void collect(List<SourceSpec> sources, Path recipeDir, Path into, Map<String, String> env) {
        for (SourceSpec s : sources) {
            Path dest = s.subdir().map(into::resolve).orElse(into).normalize();
            if (!dest.startsWith(into)) {
                throw new BinaryBuilder.BuildFailed("source subdir " + s.subdir().get() + " leaves the source folder");
            }
            try {
                Files.createDirectories(dest);
                if (s instanceof SourceSpec.Local l) {
                    copyLocal(l, recipeDir, dest);
                } else if (s instanceof SourceSpec.Script sc) {
                    scripts.run(String.join("\n", sc.script()) + "\n", dest, env);
                } else if (s instanceof SourceSpec.Tar t) {
                    extract(t.tar(), recipeDir, dest);
                } else if (s instanceof SourceSpec.Git g) {
                    clone(g, recipeDir, dest);
                }
            } catch (IOException e) {
                throw new BinaryBuilder.BuildFailed("cannot collect the sources into " + dest + ": " + IoMessages.describe(e));
            }
        }
    }

    private void clone(SourceSpec.Git g, Path recipeDir, Path dest) throws IOException {
        String depth = Integer.toString(Math.max(1, g.depth()));
        String url = g.git();
        if (!url.contains("://") && !url.matches("[^/]+@[^/]+:.*")) {
            url = recipeDir.resolve(url).normalize().toString(); // a local repository, relative to the recipe
        }
        List<String> cmd = new ArrayList<>(List.of("git", "clone", "--quiet", "--depth", depth));
        g.ref().filter(r -> !r.isEmpty()).ifPresent(r -> cmd.addAll(List.of("--branch", r)));
        cmd.addAll(List.of(url, "."));
        run(cmd, dest, Map.of(), "cloning " + g.git());
        run(List.of("git", "submodule", "--quiet", "update", "--init", "--recursive", "--depth", depth), dest, Map.of(),
                "the submodules of " + g.git());
    }

    private void extract(String tar, Path recipeDir, Path dest) throws IOException {
        Path archive;
        Path download = null;
        if (tar.startsWith("http://") || tar.startsWith("https://")) {
            download = scratch.create("spk-untar-");
            String name = URI.create(tar).getPath().replaceAll(".*/", "");
            archive = download.resolve(name.isEmpty() ? "archive" : name);
            fetch(tar, archive);
        } else {
            archive = recipeDir.resolve(tar.startsWith("file://") ? URI.create(tar).getPath() : tar).normalize();
            if (!Files.isRegularFile(archive)) {
                throw new BinaryBuilder.BuildFailed("tar source " + archive + " does not exist");
            }
        }
        try {
            run(List.of("tar", "-xf", archive.toString()), dest, Map.of(), "extracting " + tar);
        } finally {
            if (download != null) {
                scratch.remove(download);
            }
        }
    }

    private static void fetch(String url, Path to) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new BinaryBuilder.BuildFailed("downloading " + url + " failed: HTTP " + r.statusCode());
                }
                Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryBuilder.BuildFailed("downloading " + url + " was interrupted");
        } catch (IOException | IllegalArgumentException e) {
            throw new BinaryBuilder.BuildFailed("cannot download " + url + ": " + (e instanceof IOException io
                    ? IoMessages.describe(io) : e.getMessage()));
        }
    }

    /**
     * As SPK's rsync of a local source: a folder's contents (or one file) into {@code dest},
     * leaving out what the {@code exclude} patterns name and, for the default {@code :- .gitignore}
     * filter, what each folder's {@code .gitignore} ignores below it.
     */
    private static void copyLocal(SourceSpec.Local l, Path recipeDir, Path dest) throws IOException {
        Path from = recipeDir.resolve(l.path()).normalize();
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new BinaryBuilder.BuildFailed("source path " + from + " does not exist");
        }
        List<ComponentFiles.Rule> excludes = l.exclude().stream().map(ComponentFiles.Rule::parse).toList();
        List<String> mergeFiles = new ArrayList<>();
        for (String f : l.filter()) {
            String rule = f.strip();
            if (!rule.startsWith(":- ") && !rule.startsWith(":-")) {
                throw new BinaryBuilder.BuildFailed("source " + l.path() + ": filter rule '" + f
                        + "' is not supported (only ':- FILE', a per-folder file of exclude patterns)");
            }
            mergeFiles.add(rule.substring(2).strip());
        }
        if (!Files.isDirectory(from)) {
            Files.copy(from, dest.resolve(from.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return;
        }
        // the ignore files in force: the folder each was read in, and its rules
        record Ignores(String base, List<ComponentFiles.Rule> rules) {}
        Deque<Ignores> ignores = new ArrayDeque<>();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = relative(from, dir);
                if (!rel.isEmpty() && excluded(rel, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dest.resolve(rel));
                List<ComponentFiles.Rule> rules = new ArrayList<>();
                for (String name : mergeFiles) {
                    Path f = dir.resolve(name);
                    if (Files.isRegularFile(f)) {
                        for (String line : Files.readAllLines(f)) {
                            String t = line.strip();
                            if (!t.isEmpty() && !t.startsWith("#")) {
                                rules.add(ComponentFiles.Rule.parse(t));
                            }
                        }
                    }
                }
                ignores.push(new Ignores(rel, rules));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                ignores.pop();
                Files.setLastModifiedTime(dest.resolve(relative(from, dir)), Files.getLastModifiedTime(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(from, file);
                if (!excluded(rel, false)) {
                    Files.copy(file, dest.resolve(rel), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }

            private boolean excluded(String rel, boolean isDir) {
                if (ComponentFiles.matches(excludes, "/" + rel, isDir)) {
                    return true;
                }
                // deeper ignore files are read later and win, as in git
                List<Ignores> outermostFirst = new ArrayList<>(ignores);
                java.util.Collections.reverse(outermostFirst);
                boolean out = false;
                for (Ignores i : outermostFirst) {
                    String below = i.base().isEmpty() ? rel : rel.substring(i.base().length() + 1);
                    for (ComponentFiles.Rule r : i.rules()) {
                        if (r.applies("/" + below, isDir)) {
                            out = !r.negated();
                        }
                    }
                }
                return out;
            }
        });
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString();
    }

    private void run(List<String> cmd, Path dir, Map<String, String> env, String what) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process p = scratch.start(pb);
        try {
            // what the tools say goes to standard error: standard output is for the command's results
            try (InputStream out = p.getInputStream()) {
                out.transferTo(System.err);
            }
            System.err.flush();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new BinaryBuilder.BuildFailed(what + " failed" + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")"));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new BinaryBuilder.BuildFailed(what + " was interrupted");
        } finally {
            scratch.finished(p);
        }
    }
}
