package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import spfs.error.SpfsException;

/**
 * A lock between writers and the cleaner of one repository ({@code <root>/gc.lock}, an fcntl
 * lock, so it dies with its process). Commits, syncs and tag writes hold it shared; {@code spfs
 * clean} holds it exclusively while it decides what is unreachable and deletes it, so it never
 * deletes what a running commit has written but not yet tagged. Real spfs does not know this
 * lock; against it, the age threshold of clean is the protection, as in spfs.
 */
public final class RepositoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RepositoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RepositoryLock acquire(Path root, boolean exclusive) {
        Path file = root.resolve("gc.lock");
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file);
                    Files.setPosixFilePermissions(file, DurableFiles.RW_ALL);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // created by someone else just now
                }
            }
            FileChannel ch = exclusive
                    ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.READ);
            try {
                return new RepositoryLock(ch, ch.lock(0, Long.MAX_VALUE, !exclusive));
            } catch (OverlappingFileLockException e) {
                // this JVM already holds it (another repository object on the same root)
                return new RepositoryLock(ch, null);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot lock repository " + root + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // releasing a lock cannot meaningfully fail; the process exit releases it anyway
        }
    }
}
