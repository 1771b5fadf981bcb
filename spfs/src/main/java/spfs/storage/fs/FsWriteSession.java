package spfs.storage.fs;

import java.io.InputStream;
import spfs.encoding.Digest;
import spfs.error.UnknownObjectException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.storage.ForwardingRepository;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A write session of a file system repository. It holds the repository's lock shared for its
 * whole life, so {@code spfs clean} (which takes it exclusively) runs entirely before or entirely
 * after it; blobs and payloads go into a {@link WriteBatch}; anything else (a manifest, layer,
 * platform, tag) first flushes the batch, then is written durably at once. A tag is written only
 * when its target is stored, checked under the lock. Closed by the thread that opened it.
 */
public final class FsWriteSession extends ForwardingRepository implements WriteSession {
    private final FsRepository repo;
    private final RepositoryLock lock;
    private final WriteBatch batch;
    private final FanOutLooks objectFanOuts;
    private final FanOutLooks payloadFanOuts;

    FsWriteSession(FsRepository repo, RepositoryLock lock, HashStore objects, HashStore payloads) {
        super(repo);
        this.repo = repo;
        this.lock = lock;
        this.batch = new WriteBatch(repo.root());
        this.objectFanOuts = new FanOutLooks(objects);
        this.payloadFanOuts = new FanOutLooks(payloads);
    }

    /** A session inside this one: same repository, its own batch (the lock is taken again, in-process). */
    @Override
    public WriteSession beginWrite() {
        return repo.beginWrite();
    }

    @Override
    public void flush() {
        batch.flush();
    }

    @Override
    public void close() {
        try {
            batch.abort();
        } finally {
            lock.close();
        }
    }

    // ---- writes

    @Override
    public Digest writeObject(SpfsObject object) {
        if (object instanceof Blob) {
            return repo.storeObject(object, batch);
        }
        // whatever refers to other data is written after that data is durable and visible
        flush();
        Digest d = repo.storeObject(object, null);
        objectFanOuts.written(d);
        return d;
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        return repo.storePayload(data, mode, batch);
    }

    /** Hashed once, as it is written, and refused before it is visible if it is not {@code expected}. */
    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        // this store hashes what it writes and compares with expected itself: no second hash
        InputStream raw = data instanceof spfs.encoding.HashCheckedInputStream h && h.expected().equals(expected)
                ? h.uncheckedForVerifyingReader() : data;
        try {
            return repo.storePayload(raw, mode, batch, expected);
        } catch (RuntimeException e) {
            // a source that checks its own stream (a remote's) reports a mismatch as a failed read
            throw spfs.storage.PayloadStorage.asCorrupt(e, expected);
        }
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        flush();
        requireStored(target);
        return repo.tagStore().pushTag(spec, target, user);
    }

    @Override
    public void insertTag(Tag tag) {
        flush();
        requireStored(tag.target());
        repo.tagStore().insertTag(tag);
    }

    // the repository's own removeTag opens a session to call these: they must not go back to it
    @Override
    public void removeTag(Tag tag) {
        repo.tagStore().removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        repo.tagStore().removeTagStream(spec);
    }

    /** Under the lock, so no clean can remove the target between this check and the tag write. */
    private void requireStored(Digest target) {
        if (!repo.hasObject(target) && !repo.hasPayload(target)) {
            throw new UnknownObjectException("object", target);
        }
    }

    // ---- reads see this session's own writes; the rest go to the repository

    @Override
    public boolean hasObject(Digest digest) {
        if (batch.hasObject(digest) || (!objectFanOuts.rulesOut(digest) && repo.hasObject(digest))) {
            return true;
        }
        batch.noteMissingObject(digest);
        return false;
    }

    @Override
    public boolean hasPayload(Digest digest) {
        if (batch.hasPayload(digest) || (!payloadFanOuts.rulesOut(digest) && repo.hasPayload(digest))) {
            return true;
        }
        batch.noteMissingPayload(digest);
        return false;
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        if (batch.hasObject(digest)) {
            flush();
        }
        return repo.readObject(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        if (batch.hasPayload(digest)) {
            flush();
        }
        return repo.openPayload(digest);
    }

    @Override
    public void readPayloads(java.util.List<Digest> digests, PayloadReader reader) throws java.io.IOException {
        if (digests.stream().anyMatch(batch::hasPayload)) {
            flush();
        }
        repo.readPayloads(digests, reader);
    }

    @Override
    public long payloadSize(Digest digest) {
        if (batch.hasPayload(digest)) {
            flush();
        }
        return repo.payloadSize(digest);
    }
}
