package spfs.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import spfs.encoding.Digest;
import spfs.error.CorruptObjectException;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.Blob;
import spfs.graph.Entry;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.ObjectFormat;
import spfs.graph.Platform;
import spfs.graph.SpfsObject;
import spfs.graph.Tree;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * Copies refs from one repository to another, children before parents, only what is missing
 * (per policy); payloads are copied in parallel and their digests verified on arrival. Everything
 * is written through one write session of the destination, open from construction to close.
 */
public final class Syncer implements AutoCloseable {
    private final Repository src;
    private final WriteSession dest;
    private final SyncPolicy policy;
    private final SyncReporter reporter;
    /** A run (one job, its payloads read from the source together) has at most this many payloads... */
    static final int RUN_PAYLOADS = 64;
    /** ...and this many bytes, unless one payload alone is more. */
    static final long RUN_BYTES = 16L << 20;

    private final ExecutorService pool;
    private final int workers;
    private final Set<Digest> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong tagsSynced = new AtomicLong();
    private final AtomicLong tagsSkipped = new AtomicLong();
    private final AtomicLong objectsSynced = new AtomicLong();
    private final AtomicLong objectsSkipped = new AtomicLong();
    private final AtomicLong payloadsSynced = new AtomicLong();
    private final AtomicLong payloadsSkipped = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public Syncer(Repository src, Repository dest, SyncPolicy policy, int concurrency, SyncReporter reporter) {
        this.src = src;
        this.dest = dest.beginWrite();
        this.policy = policy;
        this.reporter = reporter;
        this.workers = Math.max(1, concurrency);
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spfs-sync");
            t.setDaemon(true);
            return t;
        });
    }

    public SyncSummary summary() {
        return new SyncSummary(tagsSynced.get(), tagsSkipped.get(), objectsSynced.get(), objectsSkipped.get(),
                payloadsSynced.get(), payloadsSkipped.get(), bytes.get());
    }

    /** Syncs a tag (its resolved version) or a digest / partial digest. */
    public void syncRef(String ref) {
        Refs.Resolved r = Refs.resolve(src, ref);
        if (r.tag().isPresent()) {
            syncTag(r.tag().get());
        } else {
            syncDigest(r.digest());
        }
        dest.flush();
    }

    /** Syncs the target of {@code tag}, then inserts that one version into the destination. */
    public void syncTag(Tag tag) {
        if (!policy.updatesTags()) {
            List<Tag> existing = dest.readTagStream(tag.spec(0));
            if (!existing.isEmpty()) {
                tagsSkipped.incrementAndGet();
                return;
            }
        }
        syncDigestDeferred(tag.target());
        dest.insertTag(tag);
        tagsSynced.incrementAndGet();
    }

    /** Every version of every stream of the source. */
    public void syncAllTags() {
        List<TagSpec> specs;
        try (var s = src.tagStreams()) {
            specs = s.toList();
        }
        for (TagSpec spec : specs) {
            List<Tag> versions = src.readTagStream(spec);
            for (int i = versions.size() - 1; i >= 0; i--) {
                syncDigestDeferred(versions.get(i).target());
                dest.insertTag(versions.get(i));
                tagsSynced.incrementAndGet();
            }
        }
    }

    /** Syncs one digest and everything it needs; durable on return. */
    public void syncDigest(Digest d) {
        syncDigestDeferred(d);
        dest.flush();
    }

    private void syncDigestDeferred(Digest d) {
        if (!seen.add(d)) {
            return;
        }
        if (!policy.rewalksObjects() && dest.hasObject(d)) {
            objectsSkipped.incrementAndGet();
            return;
        }
        SpfsObject obj;
        try {
            obj = src.readObject(d);
        } catch (UnknownObjectException e) {
            if (!src.hasObject(d) && src.hasPayload(d)) {
                // a bare payload (e.g. an annotation value) with no blob object
                syncPayload(d, -1);
                return;
            }
            throw e;
        }
        syncObject(obj);
    }

    private void syncObject(SpfsObject obj) {
        if (obj instanceof Platform p) {
            for (Digest d : p.stack()) {
                syncDigestDeferred(d);
            }
        } else if (obj instanceof Layer l) {
            for (Digest d : l.childObjects()) {
                syncDigestDeferred(d);
            }
        } else if (obj instanceof Manifest m) {
            syncManifest(m);
        } else if (obj instanceof Blob b) {
            syncPayload(b.payload(), -1);
        }
        dest.writeObject(obj);
        objectsSynced.incrementAndGet();
    }

    /**
     * The manifest's files in parallel, in runs of neighbouring files: each run is one job that
     * reads its payloads from the source in one go (a remote one sends them in one answer), so
     * that a pull of thousands of small files is not a round trip each. The session makes them
     * durable before the manifest is written.
     */
    private void syncManifest(Manifest m) {
        List<Entry> toCopy = new ArrayList<>();
        long plannedBytes = 0;
        for (Tree t : m.trees()) {
            for (Entry e : t.entries()) {
                if (e.isBlob() && seen.add(e.object())) {
                    toCopy.add(e);
                    plannedBytes += e.size();
                }
            }
        }
        // told before any copy starts: a payload done before it was planned would look like an unplanned one
        reporter.payloadsPlanned(toCopy.size(), plannedBytes);
        List<Future<?>> jobs = new ArrayList<>();
        for (List<Entry> run : runs(toCopy)) {
            jobs.add(pool.submit(() -> syncRun(run, m.format())));
        }
        waitAll(jobs);
    }

    /**
     * {@code entries} cut into runs of at most {@value #RUN_PAYLOADS} payloads and
     * {@value #RUN_BYTES} bytes (a large file runs alone), and short enough that every worker
     * gets several (a small manifest is not one worker's job).
     */
    private List<List<Entry>> runs(List<Entry> entries) {
        int perRun = Math.max(1, Math.min(RUN_PAYLOADS, -Math.floorDiv(-entries.size(), workers * 4)));
        List<List<Entry>> runs = new ArrayList<>();
        List<Entry> run = new ArrayList<>();
        long runBytes = 0;
        for (Entry e : entries) {
            if (!run.isEmpty() && (run.size() >= perRun || runBytes + e.size() > RUN_BYTES)) {
                runs.add(run);
                run = new ArrayList<>();
                runBytes = 0;
            }
            run.add(e);
            runBytes += e.size();
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /** Copies the run's missing payloads (read from the source together), then writes their blobs. */
    private void syncRun(List<Entry> run, ObjectFormat format) {
        Map<Digest, Entry> wanted = new LinkedHashMap<>();
        for (Entry e : run) {
            if (!policy.recopiesPayloads() && dest.hasPayload(e.object())) {
                payloadsSkipped.incrementAndGet();
                reporter.payloadDone(0);
                syncBlob(e, format);
            } else {
                wanted.put(e.object(), e);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<Digest> digests = List.copyOf(wanted.keySet());
        // the payload being read, for the message if reading fails
        Digest[] current = {digests.get(0)};
        try {
            src.readPayloads(digests, (d, in) -> {
                current[0] = d;
                Entry e = wanted.get(d);
                store(dest, d, e.mode(), in);
                syncBlob(e, format);
            });
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot copy payload " + current[0] + ": "
                    + spfs.error.IoMessages.describe(e), e);
        }
    }

    private void syncBlob(Entry e, ObjectFormat format) {
        if (policy.rewalksObjects() || !dest.hasObject(e.object())) {
            dest.writeObject(new Blob(e.object(), e.size(), format));
            objectsSynced.incrementAndGet();
        } else {
            objectsSkipped.incrementAndGet();
        }
    }

    private void syncPayload(Digest d, int mode) {
        syncPayload(dest, d, mode);
    }

    private void syncPayload(Repository dest, Digest d, int mode) {
        if (!policy.recopiesPayloads() && dest.hasPayload(d)) {
            payloadsSkipped.incrementAndGet();
            reporter.payloadDone(0);
            return;
        }
        try (InputStream in = src.openPayload(d)) {
            store(dest, d, mode, in);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot copy payload " + d + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    /** Writes the source's payload {@code d}, read from {@code in}, into {@code dest}. */
    private void store(Repository dest, Digest d, int mode, InputStream in) {
        PayloadWrite w;
        try {
            w = dest.writePayload(in, mode, d);
        } catch (CorruptObjectException e) {
            throw SpfsException.environment("corrupt-payload", "payload " + d + " in " + src.address()
                    + " is corrupt: " + e.reason(), e);
        }
        payloadsSynced.incrementAndGet();
        bytes.addAndGet(w.size());
        reporter.payloadDone(w.size());
    }

    private static void waitAll(List<Future<?>> jobs) {
        RuntimeException first = null;
        for (Future<?> f : jobs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SpfsException.environment("interrupted", "sync interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Ends the destination's write session; what was not synced to the end is dropped. */
    @Override
    public void close() {
        pool.shutdownNow();
        dest.close();
    }
}
