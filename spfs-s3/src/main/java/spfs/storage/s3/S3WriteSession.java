package spfs.storage.s3;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.UnknownObjectException;
import spfs.graph.SpfsObject;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A write session of an s3:// repository. It holds a session lease for its whole life, so no
 * {@code spfs clean} runs beside it (see {@link Leases}). Each PUT is complete and visible when
 * it returns, so data is always stored before what refers to it without any batching, and
 * {@link #flush} has nothing to do. A tag is written only if its target is stored; nothing is
 * written once the lease could not be renewed in time.
 */
final class S3WriteSession implements WriteSession {
    private final S3Repository repo;
    private final Leases.Lease lease;

    S3WriteSession(S3Repository repo, Leases.Lease lease) {
        this.repo = repo;
        this.lease = lease;
    }

    @Override
    public String address() {
        return repo.address();
    }

    @Override
    public WriteSession beginWrite() {
        return repo.beginWrite();
    }

    @Override
    public void flush() {
        // every write is complete and visible when its call returns
    }

    @Override
    public void close() {
        lease.close();
    }

    // ---- writes

    @Override
    public Digest writeObject(SpfsObject object) {
        lease.requireHeld();
        return repo.storeObject(object);
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        lease.requireHeld();
        return repo.storePayload(data, Optional.empty());
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        lease.requireHeld();
        PayloadWrite w = repo.storePayload(data, Optional.of(expected));
        if (!w.digest().equals(expected)) {
            // hashed before the upload, so the wrong content was never stored under either digest
            throw new spfs.error.CorruptObjectException("payload " + expected, "its content hashes to " + w.digest());
        }
        return w;
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        requireStored(target);
        lease.requireHeld();
        return repo.tagStore().pushTag(spec, target, user);
    }

    @Override
    public void insertTag(Tag tag) {
        requireStored(tag.target());
        lease.requireHeld();
        repo.tagStore().insertTag(tag);
    }

    /** Under the lease, so no clean can remove the target between this check and the tag write. */
    private void requireStored(Digest target) {
        if (!repo.hasObject(target) && !repo.hasPayload(target)) {
            throw new UnknownObjectException("object", target);
        }
    }

    @Override
    public void removeTag(Tag tag) {
        repo.removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        repo.removeTagStream(spec);
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

    // ---- reads

    @Override
    public boolean hasObject(Digest digest) {
        return repo.hasObject(digest);
    }

    @Override
    public boolean hasPayload(Digest digest) {
        return repo.hasPayload(digest);
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        return repo.readObject(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return repo.openPayload(digest);
    }

    @Override
    public long payloadSize(Digest digest) {
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
}
