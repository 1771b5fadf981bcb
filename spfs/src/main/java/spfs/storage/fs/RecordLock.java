package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/**
 * An exclusive lock for read-modify-write cycles on records that several processes change
 * (runtime records: the launcher, the monitor and commands inside the runtime). An fcntl lock on
 * a file that is never removed, so it dies with its holder and no stale lock is left behind.
 * fcntl locks belong to the process, and closing any descriptor of the file drops them all, so
 * the threads of one process first take turns on an in-process lock and only the thread holding
 * it opens the file (the same reason, and the same one table, as {@link RepositoryLock}).
 * Waiting is bounded: a holder keeps it for a few writes only.
 */
public final class RecordLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock inProcess;
    private final FileChannel channel;
    private final FileLock lock;

    private RecordLock(ReentrantLock inProcess, FileChannel channel, FileLock lock) {
        this.inProcess = inProcess;
        this.channel = channel;
        this.lock = lock;
    }

    static RecordLock acquire(Path file, RepositoryPermissions perms) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath(), k -> new ReentrantLock());
        try {
            if (!inProcess.tryLock(WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "interrupted while waiting for " + file, e);
        }
        try {
            perms.createFile(file);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                return new RecordLock(inProcess, ch, waitFor(ch, file, deadline));
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            inProcess.unlock();
            throw SpfsException.environment("io", "cannot lock " + file + ": " + IoMessages.describe(e), e);
        } catch (RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
    }

    private static FileLock waitFor(FileChannel ch, Path file, long deadline) throws IOException {
        int spins = 0;
        while (true) {
            FileLock l = ch.tryLock();
            if (l != null) {
                return l;
            }
            if (System.nanoTime() > deadline) {
                throw busy(file);
            }
            try {
                Thread.sleep(Math.min(1 + spins++, 10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SpfsException.environment("interrupted", "interrupted while waiting for " + file, e);
            }
        }
    }

    private static SpfsException busy(Path file) {
        return SpfsException.environment("locked", file + " is locked by another process for more than "
                + WAIT.toSeconds() + " s", null);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // releasing cannot meaningfully fail; closing the channel or exiting releases it anyway
        } finally {
            inProcess.unlock();
        }
    }
}
