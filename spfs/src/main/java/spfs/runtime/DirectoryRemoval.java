package spfs.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import spfs.error.SpfsException;

/**
 * Deletes upper and work directories. Overlay work directories hold mode-0 directories, so
 * each directory is opened up (0700) before its children are removed.
 */
public final class DirectoryRemoval {
    private DirectoryRemoval() {}

    /** Removes {@code root} and everything below it. */
    public static void removeTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            openUp(root);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    openUp(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // removed by someone else while we walked
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null && !(exc instanceof NoSuchFileException)) {
                        throw exc;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed by someone else
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot remove " + root + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    /** Removes what is inside {@code dir}, keeping {@code dir} itself. */
    public static void clear(Path dir) {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    removeTree(p);
                } else {
                    Files.deleteIfExists(p);
                }
            }
        } catch (NoSuchFileException e) {
            // nothing to clear
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot clear " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    private static void openUp(Path dir) throws IOException {
        try {
            Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // not ours to change; deleting may still work
        }
    }
}
