package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import spfs.error.IoMessages;
import spfs.storage.StorageFinding;
import spfs.storage.StorageFinding.Severity;

/**
 * What {@code spfs check} verifies of a file system repository's files beyond its objects:
 * every tag file, object and payload is a regular file (a directory where a tag file should be
 * makes every listing fail; a symlink could serve any file of the host), and no directory or file
 * is writable by every user (as real spfs makes them: such a repository is readable, but any
 * user could replace what root will mount). Render trees are not walked: they are per-user
 * caches that are checked, and discarded when untrusted, on use.
 */
final class LayoutAudit {
    private final Path root;
    private final List<StorageFinding> problems = new ArrayList<>();
    private long openDirs;
    private long openFiles;
    private String firstOpen;

    LayoutAudit(Path root) {
        this.root = root;
    }

    List<StorageFinding> run() {
        for (String top : List.of("", "objects", "payloads", "tags", "renders", "durable_edits")) {
            Path p = top.isEmpty() ? root : root.resolve(top);
            attributes(p).ifPresent(a -> noteOpen(p, a));
        }
        store(root.resolve("objects"));
        store(root.resolve("payloads"));
        tags(root.resolve("tags"));
        List<StorageFinding> out = new ArrayList<>(problems);
        if (openDirs + openFiles > 0) {
            out.add(new StorageFinding(Severity.WARNING, firstOpen, openDirs + " directories and " + openFiles
                    + " files of this repository are writable by every user (as real spfs makes them), so any user"
                    + " could replace or remove data that others mount; make it private (chmod -R o-w) or share it"
                    + " with a group (spfs init repo --shared-group GROUP)"));
        }
        return out;
    }

    /** objects/ or payloads/: fan-out directories of regular files (work/ holds temp files). */
    private void store(Path dir) {
        for (Path fan : list(dir)) {
            var fa = attributes(fan);
            if (fa.isEmpty()) {
                continue;
            }
            noteOpen(fan, fa.get());
            if (fa.get().isSymbolicLink()) {
                problem(fan, "is a symlink where a directory of " + dir.getFileName() + " should be");
                continue;
            }
            if (!fa.get().isDirectory()) {
                continue;
            }
            for (Path f : list(fan)) {
                var a = attributes(f);
                if (a.isEmpty()) {
                    continue;
                }
                noteOpen(f, a.get());
                if (!a.get().isRegularFile() && !f.getFileName().toString().startsWith(".")) {
                    problem(f, "is " + kind(a.get()) + ", not a regular file; it is never read");
                }
            }
        }
    }

    /** tags/: folders and {@code .tag} files, nothing else under those names. */
    private void tags(Path dir) {
        for (Path p : list(dir)) {
            var a = attributes(p);
            if (a.isEmpty()) {
                continue;
            }
            noteOpen(p, a.get());
            String name = p.getFileName().toString();
            if (name.endsWith(".tag") && !a.get().isRegularFile()) {
                problem(p, "is " + kind(a.get()) + " where a tag file should be; listing and reading this tag fail"
                        + " (move it away)");
            } else if (a.get().isSymbolicLink()) {
                problem(p, "is a symlink inside tags/; tags are never read through links");
            } else if (a.get().isDirectory()) {
                tags(p);
            }
        }
    }

    private void noteOpen(Path p, PosixFileAttributes a) {
        if (a.isSymbolicLink() || !a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            return;
        }
        if (a.isDirectory()) {
            openDirs++;
        } else {
            openFiles++;
        }
        if (firstOpen == null) {
            firstOpen = relative(p);
        }
    }

    private void problem(Path p, String detail) {
        problems.add(new StorageFinding(Severity.PROBLEM, relative(p), detail));
    }

    private String relative(Path p) {
        String r = root.relativize(p).toString();
        return r.isEmpty() ? "." : r;
    }

    private static String kind(PosixFileAttributes a) {
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isSymbolicLink()) {
            return "a symlink";
        }
        return a.isRegularFile() ? "a regular file" : "a special file";
    }

    private static java.util.Optional<PosixFileAttributes> attributes(Path p) {
        try {
            return java.util.Optional.of(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw spfs.error.SpfsException.environment("io", "cannot inspect " + p + ": " + IoMessages.describe(e), e);
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw spfs.error.SpfsException.environment("io", "cannot list " + dir + ": " + IoMessages.describe(e), e);
        }
        return out;
    }
}
