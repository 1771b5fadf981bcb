package spfs.storage.fs;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.UnknownObjectException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.storage.StorageFinding;
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
public final class FsWriteSession implements WriteSession {
    private final FsRepository repo;
    private final RepositoryLock lock;
    private final WriteBatch batch;

    FsWriteSession(FsRepository repo, RepositoryLock lock) {
        this.repo = repo;
        this.lock = lock;
        this.batch = new WriteBatch(repo.root());
    }

    @Override
    public String address() {
        return repo.address();
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
        return repo.storeObject(object, null);
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

    @Override
    public boolean removeObject(Digest digest) {
        return repo.removeObject(digest);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        return repo.removeObjectIfOlderThan(digest, cutoff);
    }

    @Override
    public boolean removePayload(Digest digest) {
        return repo.removePayload(digest);
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        return repo.removePayloadIfOlderThan(digest, cutoff);
    }

    // ---- reads see this session's own writes

    @Override
    public boolean hasObject(Digest digest) {
        return batch.hasObject(digest) || repo.hasObject(digest);
    }

    @Override
    public boolean hasPayload(Digest digest) {
        return batch.hasPayload(digest) || repo.hasPayload(digest);
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
    public long payloadSize(Digest digest) {
        if (batch.hasPayload(digest)) {
            flush();
        }
        return repo.payloadSize(digest);
    }

    @Override
    public Stream<Digest> objectDigests() {
        return repo.objectDigests();
    }

    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        return repo.findObjects(partial);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return repo.payloadDigests();
    }

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        return repo.readTagStream(spec);
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        return repo.resolveTag(spec);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        return repo.tagStreams();
    }

    @Override
    public List<TagListing> lsTags(String path) {
        return repo.lsTags(path);
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        return repo.findTags(digest);
    }

    @Override
    public Optional<String> tagNamespace() {
        return repo.tagNamespace();
    }

    @Override
    public List<StorageFinding> audit() {
        return repo.audit();
    }
}
