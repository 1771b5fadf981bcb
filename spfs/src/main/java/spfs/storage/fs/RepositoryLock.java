package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/**
 * The lock between writers and the cleaner of one repository ({@code <root>/gc.lock}, an fcntl
 * lock, so it dies with its process). Write sessions hold it shared; {@code spfs clean} holds it
 * exclusively while it decides what is unreachable and deletes it, so it never deletes what a
 * session has written but not yet referenced. Real spfs does not know this lock; against it, the
 * age threshold of clean is the protection, as in spfs.
 *
 * <p>fcntl locks belong to the process, and closing any descriptor of the file drops all of
 * them: two sessions of one process each opening gc.lock would release each other's lock. So
 * each process holds a repository's lock once, through the table below, and its own threads are
 * ordered by a read-write lock. That table is the one piece of static state here, mirroring the
 * kernel's per-process lock state (the JDK keeps such a table for file locks too).
 */
public final class RepositoryLock implements AutoCloseable {
    private static final Map<Path, Held> TABLE = new ConcurrentHashMap<>();

    private final Held held;
    private final Lock inProcess;
    private boolean closed;

    private RepositoryLock(Held held, Lock inProcess) {
        this.held = held;
        this.inProcess = inProcess;
    }

    /** One repository's lock as this process holds it. */
    private static final class Held {
        final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
        FileChannel channel;
        FileLock os;
        int holders;
    }

    /** Takes the lock shared (writers) or exclusively (clean), waiting as long as it takes. */
    static RepositoryLock acquire(Path root, boolean exclusive, RepositoryPermissions perms) {
        Path file = root.resolve("gc.lock");
        Held held = TABLE.computeIfAbsent(file, k -> new Held());
        Lock inProcess = exclusive ? held.threads.writeLock() : held.threads.readLock();
        inProcess.lock();
        try {
            synchronized (held) {
                if (held.holders == 0) {
                    perms.createFile(file);
                    // an exclusive fcntl lock needs a descriptor open for writing
                    FileChannel ch = exclusive
                            ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                            : FileChannel.open(file, StandardOpenOption.READ);
                    try {
                        held.os = ch.lock(0, Long.MAX_VALUE, !exclusive);
                    } catch (IOException | RuntimeException e) {
                        ch.close();
                        throw e;
                    }
                    held.channel = ch;
                }
                held.holders++;
            }
        } catch (IOException e) {
            inProcess.unlock();
            throw SpfsException.environment("io", "cannot lock repository " + root + ": " + IoMessages.describe(e), e);
        } catch (RuntimeException e) {
            inProcess.unlock();
            throw e;
        }
        return new RepositoryLock(held, inProcess);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (held) {
            if (--held.holders == 0) {
                try {
                    held.os.release();
                    held.channel.close();
                } catch (IOException e) {
                    // releasing a lock cannot meaningfully fail; the process exit releases it anyway
                }
                held.os = null;
                held.channel = null;
            }
        }
        inProcess.unlock();
    }
}
