package spfs.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.graph.SpfsObject;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A repository that passes every call to another one; wrappers (a pinned view, a session of a
 * wrapper) override only what they change.
 */
public abstract class ForwardingRepository implements Repository {
    private final Repository delegate;

    protected ForwardingRepository(Repository delegate) {
        this.delegate = delegate;
    }

    /** The repository calls go to. */
    protected Repository delegate() {
        return delegate;
    }

    @Override
    public String address() {
        return delegate.address();
    }

    @Override
    public WriteSession beginWrite() {
        return delegate.beginWrite();
    }

    @Override
    public List<StorageFinding> audit() {
        return delegate.audit();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public boolean hasObject(Digest digest) {
        return delegate.hasObject(digest);
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        return delegate.readObject(digest);
    }

    @Override
    public Digest writeObject(SpfsObject object) {
        return delegate.writeObject(object);
    }

    @Override
    public Stream<Digest> objectDigests() {
        return delegate.objectDigests();
    }

    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        return delegate.findObjects(partial);
    }

    @Override
    public boolean removeObject(Digest digest) {
        return delegate.removeObject(digest);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        return delegate.removeObjectIfOlderThan(digest, cutoff);
    }

    @Override
    public boolean hasPayload(Digest digest) {
        return delegate.hasPayload(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return delegate.openPayload(digest);
    }

    /** Forwarded too: a wrapper that changes {@link #openPayload} must change this with it. */
    @Override
    public void readPayloads(List<Digest> digests, PayloadReader reader) throws java.io.IOException {
        delegate.readPayloads(digests, reader);
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        return delegate.writePayload(data, mode);
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        return delegate.writePayload(data, mode, expected);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return delegate.payloadDigests();
    }

    @Override
    public boolean removePayload(Digest digest) {
        return delegate.removePayload(digest);
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        return delegate.removePayloadIfOlderThan(digest, cutoff);
    }

    @Override
    public long payloadSize(Digest digest) {
        return delegate.payloadSize(digest);
    }

    @Override
    public SizedPayload openSizedPayload(Digest digest) {
        return delegate.openSizedPayload(digest);
    }

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        return delegate.readTagStream(spec);
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        return delegate.resolveTag(spec);
    }

    @Override
    public void insertTag(Tag tag) {
        delegate.insertTag(tag);
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        return delegate.pushTag(spec, target, user);
    }

    @Override
    public void removeTag(Tag tag) {
        delegate.removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        delegate.removeTagStream(spec);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        return delegate.tagStreams();
    }

    @Override
    public List<TagListing> lsTags(String path) {
        return delegate.lsTags(path);
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        return delegate.findTags(digest);
    }

    @Override
    public Optional<String> tagNamespace() {
        return delegate.tagNamespace();
    }
}
