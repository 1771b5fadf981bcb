package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

/**
 * Many writes made durable together. Each file goes to a temp name unsynced; {@link #flush}
 * then syncs the whole file system once, renames every temp file into place (payloads before
 * the blob objects that name them) and syncs again. A crash at any point leaves only temp files
 * or complete, synced files under digest names, as the per-file protocol does, but costs two
 * syncs instead of one fsync per file (which dominated commit time on ext4). A few files, or a
 * file system that cannot be synced as a whole, get an fsync each instead.
 *
 * <p>A large batch does most of that while it is still being written: every {@link
 * #BACKGROUND_CHUNK} files, a thread of the batch syncs the file system and renames what was
 * written so far (the same protocol, one chunk at a time), so the writeback and the renames
 * overlap the copying instead of following it; {@link #flush} waits for that thread, does the
 * rest and syncs once more, so that every rename is durable before it returns.
 */
final class WriteBatch {
    /** Up to this many files, an fsync each is cheaper than starting {@code sync -f} twice. */
    private static final int FSYNC_EACH_UP_TO = 16;
    /** Pending files that start a chunk in the background (a {@code sync -f} each). */
    static final int BACKGROUND_CHUNK = 1024;

    private final Path root;
    private final int chunk;
    /** {tmp, target}: payloads are renamed before objects, so no blob is visible before its payload. */
    private final ConcurrentLinkedQueue<Path[]> pendingPayloads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Path[]> pendingObjects = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Set<Digest> objects = ConcurrentHashMap.newKeySet();
    private final Set<Digest> payloads = ConcurrentHashMap.newKeySet();
    /** Guards the three fields below. */
    private final Object background = new Object();
    /** A chunk is being made durable in the background. */
    private boolean chunkRunning;
    /** Directories that got renames since the file system was last synced (those renames are not durable yet). */
    private final Set<Path> renamedUnsynced = new HashSet<>();
    /** Chunks finished so far: a flush clears {@link #renamedUnsynced} only if none finished during its sync. */
    private long chunksDone;
    /** What failed in the background: every later flush fails with it (some file never got its name). */
    private RuntimeException failure;

    WriteBatch(Path root) {
        this(root, BACKGROUND_CHUNK);
    }

    /** With chunks of {@code chunk} files (tests use small ones). */
    WriteBatch(Path root, int chunk) {
        this.root = root;
        this.chunk = Math.max(chunk, FSYNC_EACH_UP_TO + 1);
    }

    /** Registers a temp file to be renamed to {@code target} at flush (or by a chunk before it). */
    void add(Path tmp, Path target, boolean payload) {
        (payload ? pendingPayloads : pendingObjects).add(new Path[] {tmp, target});
        if (pending.incrementAndGet() >= chunk) {
            startChunk();
        }
    }

    /** True the first time a digest is claimed as an object of this batch. */
    boolean claimObject(Digest d) {
        return objects.add(d);
    }

    boolean claimPayload(Digest d) {
        return payloads.add(d);
    }

    boolean hasObject(Digest d) {
        return objects.contains(d);
    }

    boolean hasPayload(Digest d) {
        return payloads.contains(d);
    }

    /** Hands what is pending to a background thread, unless a chunk is running already. */
    private void startChunk() {
        Pending chunkFiles;
        synchronized (background) {
            if (chunkRunning || failure != null) {
                return;
            }
            chunkFiles = drain();
            if (chunkFiles.count() == 0) {
                return;
            }
            chunkRunning = true;
        }
        Thread t = new Thread(() -> runChunk(chunkFiles), "spfs-durable");
        t.setDaemon(true);
        t.start();
    }

    private void runChunk(Pending chunkFiles) {
        RuntimeException failed = null;
        try {
            if (!syncFileSystem(root)) {
                fsyncEach(chunkFiles);
            }
            for (List<Path[]> l : List.of(chunkFiles.payloads(), chunkFiles.objects())) {
                for (Path[] p : l) {
                    rename(p);
                }
            }
        } catch (IOException e) {
            failed = storeFailure(e);
        } catch (RuntimeException e) {
            failed = e instanceof SpfsException ? e : storeFailure(e);
        } finally {
            if (failed != null) {
                abort(chunkFiles.payloads());
                abort(chunkFiles.objects());
            }
            synchronized (background) {
                chunkFiles.targetDirs(renamedUnsynced);
                if (failed != null && failure == null) {
                    failure = failed;
                }
                chunkRunning = false;
                chunksDone++;
                background.notifyAll();
            }
        }
    }

    /** Waits for the chunk in the background, if any; afterwards none runs until the next add. */
    void awaitBackground() {
        synchronized (background) {
            boolean interrupted = false;
            while (chunkRunning) {
                try {
                    background.wait();
                } catch (InterruptedException e) {
                    // the chunk's renames must end before its files are judged: wait on, then say so
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Makes every pending file durable, then visible under its name; durable on return. */
    void flush() {
        Pending rest;
        Set<Path> unsynced;
        long chunksBefore;
        synchronized (background) {
            awaitBackground();
            if (failure != null) {
                throw failure;
            }
            rest = drain();
            unsynced = new HashSet<>(renamedUnsynced);
            chunksBefore = chunksDone;
        }
        int count = rest.count();
        if (count == 0 && unsynced.isEmpty()) {
            return;
        }
        try {
            boolean many = count > FSYNC_EACH_UP_TO;
            boolean synced = many && syncFileSystem(root);
            if (!synced) {
                fsyncEach(rest);
            }
            renameAll(rest.payloads());
            renameAll(rest.objects());
            // renames of this flush or of earlier chunks (a few files alone keep the per-file protocol)
            if ((many || !unsynced.isEmpty()) && !syncFileSystem(root)) {
                rest.targetDirs(unsynced);
                for (Path dir : unsynced) {
                    DurableFiles.syncDir(dir);
                }
            }
            synchronized (background) {
                // a chunk that ended meanwhile (files added during this flush) may have renamed after that sync
                if (chunksDone == chunksBefore) {
                    renamedUnsynced.clear();
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            abort(rest.payloads());
            abort(rest.objects());
            throw storeFailure(e);
        }
    }

    private SpfsException storeFailure(Exception e) {
        return SpfsException.environment("io", "cannot store files in " + root + ": " + spfs.error.IoMessages.describe(
                e instanceof java.io.UncheckedIOException u ? u.getCause() : e), e);
    }

    /** Files taken from the queues at once; every object's payload is among them or taken earlier. */
    private record Pending(List<Path[]> payloads, List<Path[]> objects) {
        int count() {
            return payloads.size() + objects.size();
        }

        void targetDirs(Set<Path> into) {
            for (List<Path[]> l : List.of(payloads, objects)) {
                for (Path[] p : l) {
                    into.add(p[1].getParent());
                }
            }
        }
    }

    /**
     * Objects first: a blob is queued after its payload, so every object taken here has its
     * payload taken here too (or earlier), and never a later chunk.
     */
    private Pending drain() {
        List<Path[]> objs = drain(pendingObjects);
        List<Path[]> pays = drain(pendingPayloads);
        pending.addAndGet(-(objs.size() + pays.size()));
        return new Pending(pays, objs);
    }

    private static List<Path[]> drain(ConcurrentLinkedQueue<Path[]> q) {
        List<Path[]> out = new ArrayList<>();
        for (Path[] p; (p = q.poll()) != null;) {
            out.add(p);
        }
        return out;
    }

    private static void fsyncEach(Pending files) throws IOException {
        for (List<Path[]> l : List.of(files.payloads(), files.objects())) {
            for (Path[] p : l) {
                // read-only files (objects): fsync needs no write access
                try (FileChannel ch = FileChannel.open(p[0], StandardOpenOption.READ)) {
                    ch.force(true);
                }
            }
        }
    }

    /** Renames are independent, and cost a system call each: spread over the cores. */
    private static void renameAll(List<Path[]> all) {
        all.parallelStream().forEach(p -> {
            try {
                rename(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void rename(Path[] p) throws IOException {
        // access(2), not a stat that throws when absent (the common case, and costly per file)
        if (Files.exists(p[1])) {
            // someone else stored the same content meanwhile: keep theirs (renders may link it)
            Files.deleteIfExists(p[0]);
        } else {
            DurableFiles.moveIntoPlace(p[0], p[1]);
        }
    }

    /** Deletes the temp files of a batch that will not be flushed (after the chunk in the background, if any). */
    void abort() {
        Pending rest;
        synchronized (background) {
            awaitBackground();
            rest = drain();
        }
        abort(rest.payloads());
        abort(rest.objects());
    }

    private static void abort(List<Path[]> all) {
        for (Path[] p : all) {
            try {
                Files.deleteIfExists(p[0]);
            } catch (IOException e) {
                // left for clean, which removes stale temp files
            }
        }
    }

    /**
     * syncfs(2) on the file system holding {@code dir}, through coreutils' {@code sync -f}: Java
     * has no call for it, and one process is far cheaper than thousands of fsyncs.
     */
    static boolean syncFileSystem(Path dir) {
        try {
            Process p = new ProcessBuilder("sync", "-f", dir.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
