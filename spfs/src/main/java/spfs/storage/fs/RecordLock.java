package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import spfs.error.SpfsException;

/**
 * An exclusive lock for read-modify-write cycles on records that several processes change
 * (runtime records: the launcher, the monitor and commands inside the runtime). An fcntl lock on
 * a file that is never removed, so it dies with its holder and no stale lock is left behind;
 * threads of one JVM, which fcntl does not tell apart, wait for each other too. Waiting is
 * bounded: a holder never keeps it for more than a few writes.
 */
public final class RecordLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FileChannel channel;
    private final FileLock lock;

    private RecordLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RecordLock acquire(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file);
                    Files.setPosixFilePermissions(file, DurableFiles.RW_ALL);
                } catch (FileAlreadyExistsException e) {
                    // created by someone else just now
                }
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                return new RecordLock(ch, waitFor(ch, file));
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock waitFor(FileChannel ch, Path file) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int spins = 0;
        while (true) {
            try {
                FileLock l = ch.tryLock();
                if (l != null) {
                    return l;
                }
            } catch (OverlappingFileLockException e) {
                // another thread of this JVM holds it: wait as another process would
            }
            if (System.nanoTime() > deadline) {
                throw SpfsException.environment("locked", file + " is locked by another process for more than "
                        + WAIT.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(Math.min(1 + spins++, 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SpfsException.environment("interrupted", "interrupted while waiting for " + file, e);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // releasing cannot meaningfully fail; closing the channel or exiting releases it anyway
        }
    }
}
