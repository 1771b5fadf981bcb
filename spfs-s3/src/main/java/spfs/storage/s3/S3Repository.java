package spfs.storage.s3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.CorruptObjectException;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.MalformedObjectException;
import spfs.graph.ObjectCodec;
import spfs.graph.SpfsObject;
import spfs.storage.CleanAccess;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A repository in an S3-compatible object store ({@code s3://BUCKET/PREFIX}): objects, payloads
 * and tag versions are keys under the prefix (see {@link S3Layout}). Every write goes through a
 * {@link S3WriteSession}, which holds a lease that keeps {@code spfs clean} away (see {@link
 * Leases}); a PUT stores all of a key or nothing, so a killed writer leaves no partial data.
 */
public final class S3Repository implements Repository {
    private final ObjectStore store;
    private final S3TagStore tags;
    private final Leases leases;
    private final PayloadUploads uploads;
    private final AtomicBoolean versionStored;
    /** Clean's lease while it runs (shared by the namespace views clean removes through). */
    private final AtomicReference<Leases.Lease> cleaning;

    private S3Repository(ObjectStore store, S3TagStore tags, Leases leases, AtomicBoolean versionStored,
            AtomicReference<Leases.Lease> cleaning) {
        this.store = store;
        this.tags = tags;
        this.leases = leases;
        this.uploads = new PayloadUploads(store);
        this.versionStored = versionStored;
        this.cleaning = cleaning;
    }

    /** Opens the repository at {@code location}; its VERSION key, if any, must be of our major version. */
    static S3Repository open(ObjectStore store, Optional<String> namespace, Leases.Timing timing) {
        Optional<byte[]> version = store.read(S3Layout.VERSION);
        if (version.isPresent()) {
            String text = new String(version.get(), StandardCharsets.UTF_8).trim();
            String major = FsRepository.FORMAT_VERSION.split("\\.")[0];
            if (!text.isEmpty() && !text.split("\\.")[0].equals(major)) {
                store.close();
                throw SpfsException.environment("repository-version", "repository " + store.location() + " has format version "
                        + text + ", this spfs reads " + major + ".x", null);
            }
        }
        return new S3Repository(store, new S3TagStore(store, namespace), new Leases(store, timing),
                new AtomicBoolean(version.isPresent()), new AtomicReference<>());
    }

    /** This repository seen through another tag namespace (or none). */
    S3Repository withNamespace(Optional<String> ns) {
        return new S3Repository(store, tags.inNamespace(ns), leases, versionStored, cleaning);
    }

    ObjectStore store() {
        return store;
    }

    Leases leases() {
        return leases;
    }

    S3TagStore tagStore() {
        return tags;
    }

    AtomicReference<Leases.Lease> cleaning() {
        return cleaning;
    }

    @Override
    public String address() {
        return store.location().address();
    }

    /** A session holding a lease (waiting while a clean runs); the VERSION key is written with the first. */
    @Override
    public WriteSession beginWrite() {
        Leases.Lease lease = leases.session();
        try {
            if (!versionStored.get()) {
                store.write(S3Layout.VERSION, (FsRepository.FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII), false);
                versionStored.set(true);
            }
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        return new S3WriteSession(this, lease);
    }

    // ---- objects

    @Override
    public boolean hasObject(Digest digest) {
        return store.head(S3Layout.object(digest)).isPresent();
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        byte[] bytes = store.read(S3Layout.object(digest)).orElseThrow(() -> new UnknownObjectException("object", digest));
        try {
            return ObjectCodec.decode(bytes);
        } catch (MalformedObjectException e) {
            throw new CorruptObjectException("object " + digest + " (" + store.location() + "/" + S3Layout.object(digest) + ")",
                    e.getMessage(), e);
        }
    }

    /** Through a session of its own. */
    @Override
    public Digest writeObject(SpfsObject object) {
        try (WriteSession s = beginWrite()) {
            return s.writeObject(object);
        }
    }

    /** Writes an object's key (again, if it was there: the bytes are the same). The caller holds a lease. */
    Digest storeObject(SpfsObject object) {
        Digest d = object.digest();
        store.write(S3Layout.object(d), ObjectCodec.encode(object), true);
        return d;
    }

    @Override
    public Stream<Digest> objectDigests() {
        return store.list(S3Layout.OBJECTS).flatMap(k -> S3Layout.digest(S3Layout.OBJECTS, k.key()).stream());
    }

    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        String text = partial.text();
        String prefix = S3Layout.OBJECTS + (text.length() <= 2 ? text : text.substring(0, 2) + "/" + text.substring(2));
        try (Stream<ObjectStore.Listed> keys = store.list(prefix)) {
            return keys.flatMap(k -> S3Layout.digest(S3Layout.OBJECTS, k.key()).stream()).filter(partial::matches).toList();
        }
    }

    @Override
    public boolean removeObject(Digest digest) {
        return remove(S3Layout.object(digest), Instant.MAX);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        return remove(S3Layout.object(digest), cutoff);
    }

    /** Removes a key last written before {@code cutoff}; a running clean must still hold its lease. */
    private boolean remove(String key, Instant cutoff) {
        Leases.Lease clean = cleaning.get();
        if (clean != null) {
            clean.requireHeld();
        }
        Optional<ObjectStore.Head> head = store.head(key);
        if (head.isEmpty() || !head.get().modified().isBefore(cutoff)) {
            return false;
        }
        store.delete(key);
        return true;
    }

    // ---- payloads

    @Override
    public boolean hasPayload(Digest digest) {
        return store.head(S3Layout.payload(digest)).isPresent();
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return store.open(S3Layout.payload(digest)).orElseThrow(() -> new UnknownObjectException("payload", digest));
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        try (WriteSession s = beginWrite()) {
            return s.writePayload(data, mode);
        }
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        try (WriteSession s = beginWrite()) {
            return s.writePayload(data, mode, expected);
        }
    }

    /** Hashes, then uploads unless {@code expected} says otherwise. The caller holds a lease. */
    PayloadWrite storePayload(InputStream data, Optional<Digest> expected) {
        return uploads.write(data, expected);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return store.list(S3Layout.PAYLOADS).flatMap(k -> S3Layout.digest(S3Layout.PAYLOADS, k.key()).stream());
    }

    @Override
    public boolean removePayload(Digest digest) {
        return remove(S3Layout.payload(digest), Instant.MAX);
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        return remove(S3Layout.payload(digest), cutoff);
    }

    @Override
    public long payloadSize(Digest digest) {
        return store.head(S3Layout.payload(digest)).orElseThrow(() -> new UnknownObjectException("payload", digest)).size();
    }

    // ---- tags: reads straight from the store, writes through a session

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        return tags.readTagStream(spec);
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        return tags.resolveTag(spec);
    }

    @Override
    public void insertTag(Tag tag) {
        try (WriteSession s = beginWrite()) {
            s.insertTag(tag);
        }
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        try (WriteSession s = beginWrite()) {
            return s.pushTag(spec, target, user);
        }
    }

    /** Removing needs no session: clean is the one that removes, and removals never dangle. */
    @Override
    public void removeTag(Tag tag) {
        Leases.Lease clean = cleaning.get();
        if (clean != null) {
            clean.requireHeld();
        }
        tags.removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        tags.removeTagStream(spec);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        return tags.tagStreams();
    }

    @Override
    public List<TagListing> lsTags(String path) {
        return tags.lsTags(path);
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        return tags.findTags(digest);
    }

    @Override
    public Optional<String> tagNamespace() {
        return tags.tagNamespace();
    }

    @Override
    public Optional<CleanAccess> cleanAccess() {
        return Optional.of(new S3CleanAccess(this));
    }

    /** Closes the HTTP client (shared with this repository's namespace views). */
    @Override
    public void close() {
        store.close();
    }
}
