package spfs.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/** The write protocol: temp file in the same file system, fsync, chmod, rename into place. */
public final class DurableFiles {
    private DurableFiles() {}

    static final Set<PosixFilePermission> RW_ALL = PosixFilePermissions.fromString("rw-rw-rw-");
    static final Set<PosixFilePermission> RWX_ALL = PosixFilePermissions.fromString("rwxrwxrwx");

    /** A fresh temp path in {@code workDir}. */
    static Path tempIn(Path workDir) {
        return workDir.resolve(UUID.randomUUID().toString());
    }

    /** Suffix of temp files written beside their target (in its fan-out directory). */
    static final String TEMP_SUFFIX = ".tmp";

    /**
     * A temp path beside {@code target}. A rename within one directory avoids the file system's
     * global cross-directory rename lock, which serialised parallel commits through work/.
     * Readers skip such names, since they are not digests.
     */
    static Path tempBeside(Path target) {
        return target.resolveSibling("." + UUID.randomUUID() + TEMP_SUFFIX);
    }

    /** Writes {@code data} to a temp file, fsyncs it, makes it {@code perms} and renames it to {@code target}. */
    static void writeAtomically(Path target, byte[] data, Set<PosixFilePermission> perms) throws IOException {
        writeAtomically(tempBeside(target), target, data, perms);
    }

    /** Writes {@code data} to a temp file, fsyncs it, makes it 0666 and renames it to {@code target}. */
    static void writeAtomically(Path workDir, Path target, byte[] data) throws IOException {
        writeAtomically(tempIn(workDir), target, data, RW_ALL);
    }

    private static void writeAtomically(Path tmp, Path target, byte[] data, Set<PosixFilePermission> perms) throws IOException {
        boolean moved = false;
        try {
            writeTemp(tmp, data, perms, true);
            moveIntoPlace(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a new temp file with {@code perms}, fsynced if {@code sync}; deletes it on failure. */
    static void writeTemp(Path tmp, byte[] data, Set<PosixFilePermission> perms, boolean sync) throws IOException {
        boolean ok = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(perms))) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (sync) {
                    ch.force(true);
                }
            }
            // creation applies the umask; only a masked bit needs the extra chmod
            if (!Umask.keeps(perms)) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Atomic rename, replacing whatever is at {@code target}; creates the parent if needed. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException e) {
            if (!Files.exists(tmp)) {
                throw e;
            }
            makeDirs(target.getParent());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " to " + target + " atomically", e);
        }
    }

    /** Creates directories, each new one 0777 so that other users of a shared repo can write. */
    static void makeDirs(Path dir) throws IOException {
        for (int attempt = 0;; attempt++) {
            try {
                makeDirsOnce(dir);
                return;
            } catch (java.nio.file.NoSuchFileException e) {
                // a parent emptied and removed meanwhile (removing a tag stream's last tag removes
                // its folders): make it again
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private static void makeDirsOnce(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            makeDirsOnce(parent);
        }
        try {
            Files.createDirectory(dir);
            try {
                Files.setPosixFilePermissions(dir, RWX_ALL);
            } catch (IOException e) {
                // another user's directory created in a race; its mode is theirs to set
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** fsyncs a directory so that renames into it survive a crash. */
    static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
