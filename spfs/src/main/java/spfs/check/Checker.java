package spfs.check;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import spfs.check.CheckReport.Kind;
import spfs.check.CheckReport.Problem;
import spfs.encoding.Digest;
import spfs.error.CorruptObjectException;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.storage.StorageFinding;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * Verifies that every object reachable from the tags (or given refs) exists, decodes and
 * hashes to its name, and that every payload exists and hashes to its name (spfs only checks
 * existence; re-hashing is what catches a flipped byte). With a remote, broken data is removed
 * and fetched again.
 */
public final class Checker {
    private final Repository repo;
    private final Optional<Repository> remote;
    private final int workers;
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = new ArrayList<>();
    private final Set<Digest> seen = ConcurrentHashMap.newKeySet();
    private final Set<Digest> payloadsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong payloads = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public Checker(Repository repo, Optional<Repository> remote, int workers) {
        this.repo = repo;
        this.remote = remote;
        this.workers = Math.max(1, workers);
    }

    /** Checks {@code refs}, or every version of every tag when empty. */
    public CheckReport check(List<String> refs) {
        List<Digest> roots = new ArrayList<>();
        long tags = 0;
        if (refs.isEmpty()) {
            List<TagSpec> specs;
            try (Stream<TagSpec> s = repo.tagStreams()) {
                specs = s.toList();
            }
            for (TagSpec spec : specs) {
                List<Tag> versions;
                try {
                    versions = repo.readTagStream(spec);
                } catch (SpfsException e) {
                    // one damaged stream is one problem; the others are still checked
                    problems.add(new Problem(Kind.CORRUPT_TAG, spec.path(), null, e.getMessage(), false));
                    continue;
                }
                for (Tag t : versions) {
                    tags++;
                    roots.add(t.target());
                }
            }
            for (StorageFinding f : repo.audit()) {
                if (f.severity() == StorageFinding.Severity.WARNING) {
                    warnings.add(f.path() + ": " + f.detail());
                } else {
                    problems.add(new Problem(f.path().startsWith("tags/") ? Kind.CORRUPT_TAG : Kind.DAMAGED_FILE,
                            f.path(), null, f.detail(), false));
                }
            }
        } else {
            for (String ref : refs) {
                roots.add(Refs.resolveDigest(repo, ref));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spfs-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = Collections.synchronizedList(new ArrayList<>());
            for (Digest d : roots) {
                checkObject(d, pool, jobs);
            }
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    jobs.get(i).get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw SpfsException.environment("interrupted", "check interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new CheckReport(tags, objects.get(), payloads.get(), bytes.get(), problems, warnings);
    }

    private void checkObject(Digest d, ExecutorService pool, List<Future<?>> jobs) {
        if (!seen.add(d)) {
            return;
        }
        objects.incrementAndGet();
        SpfsObject o;
        try {
            o = repo.readObject(d);
            if (!o.digest().equals(d)) {
                throw new CorruptObjectException("object " + d, "its content hashes to " + o.digest());
            }
        } catch (UnknownObjectException e) {
            o = repair(Kind.MISSING_OBJECT, d, "object is missing");
        } catch (CorruptObjectException e) {
            o = repair(Kind.CORRUPT_OBJECT, d, e.detail());
        }
        if (o == null) {
            return;
        }
        if (o instanceof Blob b) {
            jobs.add(pool.submit(() -> checkPayload(b)));
            return;
        }
        for (Digest c : o.childObjects()) {
            checkObject(c, pool, jobs);
        }
    }

    /** The blob's payload hashes to its name and has the size the blob records. */
    private void checkPayload(Blob blob) {
        Digest d = blob.payload();
        if (!payloadsSeen.add(d)) {
            return;
        }
        payloads.incrementAndGet();
        MessageDigest md = Digest.sha256();
        try (InputStream in = repo.openPayload(d)) {
            byte[] buf = new byte[1 << 16];
            int n;
            long size = 0;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                size += n;
            }
            bytes.addAndGet(size);
            Digest actual = Digest.finish(md);
            if (!actual.equals(d)) {
                repairPayload(Kind.CORRUPT_PAYLOAD, d, "its content hashes to " + actual);
            } else if (size != blob.size()) {
                // a blob's digest is its payload's, so its size field is covered by no hash
                repair(Kind.CORRUPT_OBJECT, d, "the blob records a size of " + blob.size() + " bytes but its payload has "
                        + size);
            }
        } catch (UnknownObjectException e) {
            repairPayload(Kind.MISSING_PAYLOAD, d, "payload is missing");
        } catch (CorruptObjectException e) {
            repairPayload(Kind.CORRUPT_PAYLOAD, d, e.detail());
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read payload " + d + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    private SpfsObject repair(Kind kind, Digest d, String detail) {
        if (remote.isPresent()) {
            try {
                if (kind == Kind.CORRUPT_OBJECT) {
                    repo.removeObject(d);
                }
                try (Syncer s = new Syncer(remote.get(), repo, SyncPolicy.LATEST_TAGS_AND_RESYNC_OBJECTS, workers, SyncReporter.NONE)) {
                    s.syncDigest(d);
                }
                SpfsObject o = repo.readObject(d);
                problems.add(new Problem(kind, d, detail, true));
                return o;
            } catch (SpfsException e) {
                problems.add(new Problem(kind, d, detail + "; repair failed: " + spfs.error.IoMessages.describe(e), false));
                return null;
            }
        }
        problems.add(new Problem(kind, d, detail, false));
        return null;
    }

    private void repairPayload(Kind kind, Digest d, String detail) {
        if (remote.isPresent()) {
            try (InputStream in = remote.get().openPayload(d)) {
                if (kind == Kind.CORRUPT_PAYLOAD) {
                    repo.removePayload(d);
                }
                repo.writePayload(in, -1, d);
                problems.add(new Problem(kind, d, detail, true));
                return;
            } catch (CorruptObjectException e) {
                problems.add(new Problem(kind, d, detail + "; the remote's copy is corrupt too", false));
                return;
            } catch (SpfsException | IOException e) {
                problems.add(new Problem(kind, d, detail + "; repair failed: " + spfs.error.IoMessages.describe(e), false));
                return;
            }
        }
        problems.add(new Problem(kind, d, detail, false));
    }
}
