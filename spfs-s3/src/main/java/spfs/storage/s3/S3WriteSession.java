package spfs.storage.s3;

import java.io.InputStream;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.error.UnknownObjectException;
import spfs.graph.SpfsObject;
import spfs.storage.ForwardingRepository;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A write session of an s3:// repository. It holds a session lease for its whole life, so no
 * {@code spfs clean} runs beside it (see {@link Leases}). Each PUT is complete and visible when
 * it returns, so data is always stored before what refers to it without any batching, and
 * {@link #flush} has nothing to do. A tag is written only if its target is stored; nothing is
 * written once the lease could not be renewed in time. Reads and removals go to the repository.
 */
final class S3WriteSession extends ForwardingRepository implements WriteSession {
    private final S3Repository repo;
    private final Leases.Lease lease;

    S3WriteSession(S3Repository repo, Leases.Lease lease) {
        super(repo);
        this.repo = repo;
        this.lease = lease;
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
}
