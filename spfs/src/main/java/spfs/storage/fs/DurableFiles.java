package spfs.storage.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * The write protocol: temp file in the same file system, fsync, rename into place. Files are
 * created with their final permissions less the umask (see {@link RepositoryPermissions}).
 */
public final class DurableFiles {
    private DurableFiles() {}

    /** A fresh temp path in {@code workDir}. */
    static Path tempIn(Path workDir) {
        return workDir.resolve(UUID.randomUUID().toString());
    }

    /** A fresh temp path in {@code workDir}, named by {@code names}. */
    static Path tempIn(Path workDir, TempNames names) {
        return workDir.resolve(names.next());
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

    /** As {@link #tempBeside(Path)}, named by {@code names}. */
    static Path tempBeside(Path target, TempNames names) {
        return target.resolveSibling("." + names.next() + TEMP_SUFFIX);
    }

    /** Writes {@code data} to a temp file with {@code perms} (less the umask), fsyncs it and renames it to {@code target}. */
    static void writeAtomically(Path target, byte[] data, Set<PosixFilePermission> perms) throws IOException {
        Path tmp = tempBeside(target);
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

    /** Writes a new temp file with {@code perms} (less the umask), fsynced if {@code sync}; deletes it on failure. */
    static void writeTemp(Path tmp, byte[] data, Set<PosixFilePermission> perms, boolean sync) throws IOException {
        writeTemp(tmp, data, data.length, perms, sync);
    }

    /** As {@link #writeTemp(Path, byte[], Set, boolean)}, the first {@code size} bytes of {@code data}. */
    static void writeTemp(Path tmp, byte[] data, int size, Set<PosixFilePermission> perms, boolean sync) throws IOException {
        writeTemp(tmp, data, size, PosixFilePermissions.asFileAttribute(perms), sync);
    }

    /** The options a temp file is created with: a new file only, never one already there. */
    static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /**
     * As {@link #writeTemp(Path, byte[], int, Set, boolean)}, created with {@code mode}. A file
     * already at {@code tmp} is left alone: it is not this call's to remove.
     */
    static void writeTemp(Path tmp, byte[] data, int size, FileAttribute<Set<PosixFilePermission>> mode, boolean sync)
            throws IOException {
        FileChannel created = FileChannel.open(tmp, CREATE_NEW, mode);
        boolean ok = false;
        try {
            try (FileChannel ch = created) {
                ByteBuffer buf = ByteBuffer.wrap(data, 0, size);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (sync) {
                    ch.force(true);
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Atomic rename, replacing whatever is at {@code target}. */
    static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " to " + target + " atomically", e);
        }
    }

    /** fsyncs a directory so that renames into it survive a crash. */
    static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
