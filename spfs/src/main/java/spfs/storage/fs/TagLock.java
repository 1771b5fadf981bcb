package spfs.storage.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.UUID;
import spfs.error.SpfsException;

/**
 * The {@code <name>.tag.lock} file spfs uses: created exclusively, removed when done. We also
 * write "pid@host" into it, so that a lock left by a killed process on this host is broken
 * instead of blocking every later tag write (spfs waits 5 s and gives up).
 */
final class TagLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path path;

    private TagLock(Path path) {
        this.path = path;
    }

    static TagLock acquire(Path lockPath, RepositoryPermissions perms) throws IOException {
        byte[] owner = ownerId().getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + WAIT.toNanos();
        int spins = 0;
        while (true) {
            try {
                Files.write(lockPath, owner, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new TagLock(lockPath);
            } catch (NoSuchFileException e) {
                // another process removed the stream's last tag and, with it, the empty folder
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                perms.makeDirs(lockPath.getParent());
            } catch (FileAlreadyExistsException e) {
                breakIfStale(lockPath);
                if (System.nanoTime() > deadline) {
                    throw SpfsException.environment("tag-locked", "tag is locked by another process: " + lockPath
                            + " (remove it if no spfs process is running)", null);
                }
                try {
                    Thread.sleep(Math.min(1 + spins++, 10));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for " + lockPath, ie);
                }
            }
        }
    }

    private static String ownerId() {
        return ProcessHandle.current().pid() + "@" + spfs.config.HostName.current();
    }

    /** A lock naming a dead process of this host is moved aside (atomically) and deleted. */
    private static void breakIfStale(Path lockPath) throws IOException {
        String content;
        try {
            content = Files.readString(lockPath, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return;
        }
        if (!isDeadOwner(content)) {
            return;
        }
        Path aside = lockPath.resolveSibling(lockPath.getFileName() + "." + UUID.randomUUID() + ".stale");
        try {
            Files.move(lockPath, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        String moved = Files.readString(aside, StandardCharsets.UTF_8).trim();
        if (!moved.equals(content)) {
            // a live lock was taken between our read and the move: give it back
            try {
                Files.createLink(lockPath, aside);
            } catch (FileAlreadyExistsException e) {
                // someone holds a newer lock; theirs stands
            }
        }
        Files.deleteIfExists(aside);
    }

    private static boolean isDeadOwner(String content) {
        int at = content.indexOf('@');
        if (at <= 0 || !content.substring(at + 1).equals(spfs.config.HostName.current())) {
            return false;
        }
        try {
            long pid = Long.parseLong(content.substring(0, at));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }

}
