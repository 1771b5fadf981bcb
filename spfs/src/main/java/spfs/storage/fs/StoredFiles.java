package spfs.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Opens stored objects, payloads and tag files the one safe way: never through a symlink, and only
 * when they are regular files. A payload replaced by a symlink to {@code /etc/shadow} would
 * otherwise be served, by root, inside {@code /spfs}.
 */
final class StoredFiles {
    private StoredFiles() {}

    /** A stored file that is a symlink, directory or device: corrupt data, never read. */
    static final class NotARegularFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotARegularFile(String message) {
            super(message);
        }
    }

    /** Opens {@code p} for reading: lstat says regular, and the open itself refuses a symlink (O_NOFOLLOW). */
    static InputStream open(Path p) throws IOException {
        return Channels.newInputStream(channel(p));
    }

    /** {@link #open} as a channel, for reads at any position. */
    static java.nio.channels.FileChannel channel(Path p) throws IOException {
        return sized(p).channel();
    }

    /** An open stored file and its size (from the lstat that found it regular: stored files never change). */
    record Sized(java.nio.channels.FileChannel channel, long size) {}

    /** {@link #channel}, with the file's size. */
    static Sized sized(Path p) throws IOException {
        long size = requireRegular(p).size();
        try {
            return new Sized(java.nio.channels.FileChannel.open(p, READ_NO_LINK), size);
        } catch (FileSystemException e) {
            // swapped for a symlink between the lstat and the open: ELOOP
            if (Files.isSymbolicLink(p)) {
                throw new NotARegularFile("it is a symlink, not a regular file");
            }
            throw e;
        }
    }

    private static final Set<java.nio.file.OpenOption> READ_NO_LINK = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** Fails with {@link NotARegularFile} unless {@code p} itself (not what it links to) is a regular file. */
    static BasicFileAttributes requireRegular(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            String kind = a.isSymbolicLink() ? "a symlink" : a.isDirectory() ? "a directory" : "a special file";
            throw new NotARegularFile("it is " + kind + ", not a regular file");
        }
        return a;
    }
}
