package spfs.storage.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

/**
 * Many writes made durable together. Each file goes to a temp name unsynced; {@link #flush}
 * then syncs the whole file system once, renames every temp file into place (payloads before
 * the blob objects that name them) and syncs again. A crash at any point leaves only temp files
 * or complete, synced files under digest names, as the per-file protocol does, but costs two
 * syncs instead of one fsync per file (which dominated commit time on ext4). A few files, or a
 * file system that cannot be synced as a whole, get an fsync each instead.
 */
final class WriteBatch {
    /** Up to this many files, an fsync each is cheaper than starting {@code sync -f} twice. */
    private static final int FSYNC_EACH_UP_TO = 16;

    private final Path root;
    /** {tmp, target}: payloads are renamed before objects, so no blob is visible before its payload. */
    private final ConcurrentLinkedQueue<Path[]> pendingPayloads = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Path[]> pendingObjects = new ConcurrentLinkedQueue<>();
    private final Set<Digest> objects = ConcurrentHashMap.newKeySet();
    private final Set<Digest> payloads = ConcurrentHashMap.newKeySet();
    /** Digests the session's caller was just told are missing (see {@link #noteMissingObject}). */
    private final Set<Digest> missingObjects = ConcurrentHashMap.newKeySet();
    private final Set<Digest> missingPayloads = ConcurrentHashMap.newKeySet();

    WriteBatch(Path root) {
        this.root = root;
    }

    /** The calls that write this batch's files and rename them into place. */
    FileCalls calls() {
        return FileCalls.get();
    }

    /** Registers a temp file to be renamed to {@code target} at flush. */
    void add(Path tmp, Path target, boolean payload) {
        (payload ? pendingPayloads : pendingObjects).add(new Path[] {tmp, target});
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

    /**
     * Remembers that the repository was just asked for {@code d} and has not got it, so that the
     * write that usually follows (a pull asks before it copies) need not ask the file system
     * again: an access(2) per file and store saved. Only a hint: should the object appear
     * meanwhile, the rename at flush finds it and keeps it.
     */
    void noteMissingObject(Digest d) {
        missingObjects.add(d);
    }

    void noteMissingPayload(Digest d) {
        missingPayloads.add(d);
    }

    /** True, once, if {@code d} was noted missing. */
    boolean takeMissingObject(Digest d) {
        return missingObjects.remove(d);
    }

    boolean takeMissingPayload(Digest d) {
        return missingPayloads.remove(d);
    }

    /** Makes every pending file durable, then visible under its name. */
    void flush() {
        List<Path[]> payloads = drain(pendingPayloads);
        List<Path[]> objects = drain(pendingObjects);
        int count = payloads.size() + objects.size();
        if (count == 0) {
            return;
        }
        try {
            boolean synced = count > FSYNC_EACH_UP_TO && syncFileSystem(root);
            if (!synced) {
                for (List<Path[]> l : List.of(payloads, objects)) {
                    for (Path[] p : l) {
                        // read-only files (objects): fsync needs no write access
                        try (FileChannel ch = FileChannel.open(p[0], StandardOpenOption.READ)) {
                            ch.force(true);
                        }
                    }
                }
            }
            renameAll(payloads);
            renameAll(objects);
            if (count > FSYNC_EACH_UP_TO && !syncFileSystem(root)) {
                for (Path dir : java.util.stream.Stream.concat(payloads.stream(), objects.stream()).map(p -> p[1].getParent())
                        .distinct().toList()) {
                    DurableFiles.syncDir(dir);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            abort(payloads);
            abort(objects);
            throw SpfsException.environment("io", "cannot store files in " + root + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    private static List<Path[]> drain(ConcurrentLinkedQueue<Path[]> q) {
        List<Path[]> out = new ArrayList<>();
        for (Path[] p; (p = q.poll()) != null;) {
            out.add(p);
        }
        return out;
    }

    /**
     * Renames are independent, and cost a system call each: spread over the cores, unless they
     * are few (a runtime's record: starting the common pool's threads would cost more).
     */
    private void renameAll(List<Path[]> all) {
        FileCalls calls = calls();
        (all.size() > FSYNC_EACH_UP_TO ? all.parallelStream() : all.stream()).forEach(p -> {
            try {
                // someone else may have stored the same content meanwhile: then theirs stays
                calls.placeIfAbsent(p[0], p[1]);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Deletes the temp files of a batch that will not be flushed. */
    void abort() {
        abort(drain(pendingPayloads));
        abort(drain(pendingObjects));
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
