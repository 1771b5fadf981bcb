package spk.builder;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import spk.spec.model.SourceSpec;

/**
 * Gathers a recipe's sources into a folder for its build, as SPK's make-source does: local paths
 * (relative to the recipe, without {@code .git}/{@code .svn}), scripts run there, local tar
 * archives extracted, git repositories cloned; each into its {@code subdir} when it names one.
 */
public final class SourceCollector {
    private SourceCollector() {}

    /** @param scratch where the processes that collect sources are tracked, to be stopped if the build is cut short */
    public static void collect(List<SourceSpec> sources, Path recipeDir, Path into, ScratchFolders scratch) {
        for (SourceSpec s : sources) {
            Path dest = s.subdir().map(into::resolve).orElse(into);
            try {
                Files.createDirectories(dest);
                if (s instanceof SourceSpec.Local l) {
                    Path from = recipeDir.resolve(l.path()).normalize();
                    if (!Files.exists(from)) {
                        throw new BinaryBuilder.BuildFailed("source path " + from + " does not exist");
                    }
                    copy(from, Files.isDirectory(from) ? dest : dest.resolve(from.getFileName()));
                } else if (s instanceof SourceSpec.Script sc) {
                    run(List.of("bash", "-ex", "-c", String.join("\n", sc.script())), dest, "the source script", scratch);
                } else if (s instanceof SourceSpec.Tar t) {
                    if (t.tar().contains("://")) {
                        throw new BinaryBuilder.BuildFailed("downloading tar sources (" + t.tar() + ") is not supported yet");
                    }
                    run(List.of("tar", "-xf", recipeDir.resolve(t.tar()).toString(), "-C", dest.toString()), dest,
                            "extracting " + t.tar(), scratch);
                } else if (s instanceof SourceSpec.Git g) {
                    List<String> cmd = new ArrayList<>(List.of("git", "clone", "--depth", Integer.toString(Math.max(1, g.depth()))));
                    g.ref().ifPresent(r -> cmd.addAll(List.of("--branch", r)));
                    cmd.addAll(List.of(g.git(), dest.toString()));
                    Files.deleteIfExists(dest); // git clones into a folder it makes (empty, just created)
                    run(cmd, dest.getParent(), "cloning " + g.git(), scratch);
                }
            } catch (IOException e) {
                throw new BinaryBuilder.BuildFailed("cannot collect the sources into " + dest + ": " + spfs.error.IoMessages.describe(e));
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(from) && (name.equals(".git") || name.equals(".svn"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = from.equals(file) ? to : to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void run(List<String> cmd, Path dir, String what, ScratchFolders scratch) throws IOException {
        Process p = scratch.start(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT));
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new BinaryBuilder.BuildFailed(what + " failed" + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinaryBuilder.BuildFailed(what + " was interrupted");
        } finally {
            scratch.finished(p);
        }
    }
}
