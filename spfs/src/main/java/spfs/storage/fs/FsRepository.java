package spfs.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.CorruptObjectException;
import spfs.error.IoMessages;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.MalformedObjectException;
import spfs.graph.ObjectCodec;
import spfs.graph.SpfsObject;
import spfs.storage.Repository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** A repository in a local directory, laid out exactly as spfs lays it out. */
public final class FsRepository implements Repository {
    /** The spfs version whose on-disk format this is; written to VERSION. */
    public static final String FORMAT_VERSION = "0.44.0";

    private final Path root;
    private final HashStore objects;
    private final HashStore payloads;
    private final FsTagStore tags;
    /** When set, object and payload writes are deferred to this batch (see {@link #batched}). */
    private final WriteBatch batch;

    private FsRepository(Path root, Optional<String> namespace) {
        this(root, new HashStore(root.resolve("objects")), new HashStore(root.resolve("payloads")),
                new FsTagStore(root.resolve("tags"), namespace), null);
    }

    private FsRepository(Path root, HashStore objects, HashStore payloads, FsTagStore tags, WriteBatch batch) {
        this.root = root;
        this.objects = objects;
        this.payloads = payloads;
        this.tags = tags;
        this.batch = batch;
    }

    /**
     * This repository with object and payload writes collected in {@code batch}: they become
     * visible (and durable) only when the batch is flushed. Tags are written as usual.
     */
    public FsRepository batched(WriteBatch b) {
        return new FsRepository(root, objects, payloads, tags, b);
    }

    /** Opens an existing repository; it must have objects/ and payloads/. */
    public static FsRepository open(Path root, Optional<String> namespace) {
        Path r = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(r.resolve("objects")) || !Files.isDirectory(r.resolve("payloads"))) {
            throw SpfsException.notFound("not-a-repository", "'" + root + "' is not an spfs repository (no objects/ and payloads/)");
        }
        checkVersion(r);
        return new FsRepository(r, namespace);
    }

    /** Creates (or re-initialises) a repository; existing data is kept. */
    public static FsRepository create(Path root, Optional<String> namespace) {
        Path r = root.toAbsolutePath().normalize();
        try {
            if (Files.exists(r) && !Files.isDirectory(r)) {
                throw SpfsException.badInput("not-a-directory", "'" + root + "' exists and is not a directory");
            }
            checkVersion(r);
            for (String d : List.of("tags", "objects", "payloads", "durable_edits", "renders/" + currentUser() + "/proxy")) {
                DurableFiles.makeDirs(r.resolve(d));
            }
            Path version = r.resolve("VERSION");
            DurableFiles.writeAtomically(r, version, FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot create repository " + root + ": " + IoMessages.describe(e), e);
        }
        return new FsRepository(r, namespace);
    }

    /** Opening fails if the repository's major version differs from ours; no file counts as current. */
    private static void checkVersion(Path r) {
        Path v = r.resolve("VERSION");
        String text;
        try {
            text = Files.readString(v, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read " + v + ": " + IoMessages.describe(e), e);
        }
        if (text.isEmpty()) {
            return;
        }
        String major = text.split("\\.")[0];
        if (!major.equals(FORMAT_VERSION.split("\\.")[0])) {
            throw SpfsException.environment("repository-version", "repository " + r + " has format version " + text
                    + ", this spfs reads " + FORMAT_VERSION.split("\\.")[0] + ".x", null);
        }
    }

    /** The login name renders are kept under. */
    public static String currentUser() {
        return System.getProperty("user.name", "unknown");
    }

    public Path root() {
        return root;
    }

    /** This repository seen through another tag namespace (or none). */
    public FsRepository withNamespace(Optional<String> ns) {
        return new FsRepository(root, objects, payloads, tags.inNamespace(ns), batch);
    }

    /** Namespaces that hold tags. */
    public List<String> tagNamespaces() {
        return tags.namespaces();
    }

    @Override
    public String address() {
        return "file:" + root;
    }

    /** Held by writers while they write; see {@link RepositoryLock}. */
    public RepositoryLock writeLock() {
        return RepositoryLock.acquire(root, false);
    }

    /** Held by clean while it decides and deletes. */
    public RepositoryLock cleanLock() {
        return RepositoryLock.acquire(root, true);
    }

    public Path objectPath(Digest d) {
        return objects.path(d);
    }

    public Path payloadPath(Digest d) {
        return payloads.path(d);
    }

    // ---- objects

    @Override
    public boolean hasObject(Digest digest) {
        return (batch != null && batch.hasObject(digest)) || objects.has(digest);
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        Path p = objects.path(digest);
        byte[] bytes;
        try (InputStream in = StoredFiles.open(p)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UnknownObjectException("object", digest);
        } catch (StoredFiles.NotARegularFile e) {
            throw new CorruptObjectException("object " + digest + " (" + p + ")", e.getMessage(), e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read object " + p + ": " + IoMessages.describe(e), e);
        }
        try {
            return ObjectCodec.decode(bytes);
        } catch (MalformedObjectException e) {
            throw new CorruptObjectException("object " + digest + " (" + p + ")", e.getMessage(), e);
        }
    }

    @Override
    public Digest writeObject(SpfsObject object) {
        Digest d = object.digest();
        if (objects.has(d) && objects.touch(d)) {
            return d;
        }
        try {
            Path target = objects.prepare(d);
            if (batch == null) {
                DurableFiles.writeAtomically(target, ObjectCodec.encode(object), DurableFiles.RW_ALL);
            } else if (batch.claimObject(d)) {
                Path tmp = DurableFiles.tempBeside(target);
                DurableFiles.writeTemp(tmp, ObjectCodec.encode(object), DurableFiles.RW_ALL, false);
                batch.add(tmp, target);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write object " + d + ": " + IoMessages.describe(e), e);
        }
        return d;
    }

    @Override
    public Stream<Digest> objectDigests() {
        return objects.digests();
    }

    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        return objects.find(partial);
    }

    @Override
    public boolean removeObject(Digest digest) {
        return objects.remove(digest);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        return objects.removeIfOlderThan(digest, cutoff);
    }

    // ---- payloads

    @Override
    public boolean hasPayload(Digest digest) {
        return (batch != null && batch.hasPayload(digest)) || payloads.has(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        Path p = payloads.path(digest);
        try {
            return StoredFiles.open(p);
        } catch (NoSuchFileException e) {
            throw new UnknownObjectException("payload", digest);
        } catch (StoredFiles.NotARegularFile e) {
            throw new CorruptObjectException("payload " + digest + " (" + p + ")", e.getMessage(), e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot open payload " + digest + ": " + IoMessages.describe(e), e);
        }
    }

    @Override
    public long payloadSize(Digest digest) {
        Path p = payloads.path(digest);
        try {
            return StoredFiles.requireRegular(p).size();
        } catch (NoSuchFileException e) {
            throw new UnknownObjectException("payload", digest);
        } catch (StoredFiles.NotARegularFile e) {
            throw new CorruptObjectException("payload " + digest + " (" + p + ")", e.getMessage(), e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read payload " + digest + ": " + IoMessages.describe(e), e);
        }
    }

    /** Files up to this size are hashed in memory first, so existing payloads cost no write. */
    private static final int SMALL_PAYLOAD = 1 << 17;

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        try {
            // size the first read by what the stream says it holds, so small files cost small buffers
            int want = (int) Math.min(SMALL_PAYLOAD + 1L, Math.max(0, data.available()) + 1L);
            byte[] head = data.readNBytes(want);
            if (head.length < want) {
                return writeSmallPayload(head, mode);
            }
            if (head.length < SMALL_PAYLOAD + 1) {
                byte[] more = data.readNBytes(SMALL_PAYLOAD + 1 - head.length);
                byte[] joined = java.util.Arrays.copyOf(head, head.length + more.length);
                System.arraycopy(more, 0, joined, head.length, more.length);
                head = joined;
                if (head.length <= SMALL_PAYLOAD) {
                    return writeSmallPayload(head, mode);
                }
            }
            return writeLargePayload(head, data, mode);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write payload: " + IoMessages.describe(e), e);
        }
    }

    private PayloadWrite writeSmallPayload(byte[] content, int mode) throws IOException {
        Digest d = Digest.of(content);
        if (payloads.has(d) && payloads.touch(d)) {
            return new PayloadWrite(d, content.length, false);
        }
        Path target = payloads.prepare(d);
        if (batch == null) {
            DurableFiles.writeAtomically(target, content, payloadPermissions(mode));
        } else if (batch.claimPayload(d)) {
            Path tmp = DurableFiles.tempBeside(target);
            DurableFiles.writeTemp(tmp, content, payloadPermissions(mode), false);
            batch.add(tmp, target);
        } else {
            return new PayloadWrite(d, content.length, false);
        }
        return new PayloadWrite(d, content.length, true);
    }

    /** Streams through the hasher into payloads/work (the digest is unknown until the end). */
    private PayloadWrite writeLargePayload(byte[] head, InputStream rest, int mode) throws IOException {
        Path tmp = DurableFiles.tempIn(payloads.work());
        boolean done = false;
        try {
            MessageDigest md = Digest.sha256();
            long size = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buf = head.length >= (1 << 16) ? head : new byte[1 << 16];
                md.update(head);
                ByteBuffer first = ByteBuffer.wrap(head);
                while (first.hasRemaining()) {
                    ch.write(first);
                }
                size += head.length;
                int n;
                while ((n = rest.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                    size += n;
                }
                if (batch == null) {
                    ch.force(true);
                }
            }
            PayloadWrite w = finishPayload(tmp, Digest.finish(md), size, mode);
            done = w.created();
            return w;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Puts a fully written and synced temp file in place, unless the payload already exists. */
    PayloadWrite finishPayload(Path tmp, Digest d, long size, int mode) throws IOException {
        // an existing payload may be hard-linked by renders: leave its inode alone
        if (payloads.has(d) && payloads.touch(d)) {
            return new PayloadWrite(d, size, false);
        }
        Files.setPosixFilePermissions(tmp, payloadPermissions(mode));
        if (batch == null) {
            DurableFiles.moveIntoPlace(tmp, payloads.prepare(d));
        } else if (batch.claimPayload(d)) {
            batch.add(tmp, payloads.prepare(d));
        } else {
            return new PayloadWrite(d, size, false);
        }
        return new PayloadWrite(d, size, true);
    }

    /** The source's permission bits plus read for all, or 0666 when there is no source mode. */
    static Set<PosixFilePermission> payloadPermissions(int mode) {
        if (mode < 0) {
            return DurableFiles.RW_ALL;
        }
        int bits = (mode & 0777) | 0444;
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < 9; i++) {
            if ((bits & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return payloads.digests();
    }

    @Override
    public boolean removePayload(Digest digest) {
        return payloads.remove(digest);
    }

    /**
     * Removes temp files that killed writers left behind, if older than {@code cutoff} (when
     * {@code dryRun}, only finds them); returns how many and their size.
     */
    public TempFiles removeStaleTempFiles(Instant cutoff, boolean dryRun) {
        TempFiles.Counter c = new TempFiles.Counter();
        objects.removeStaleTemps(cutoff, dryRun, c);
        payloads.removeStaleTemps(cutoff, dryRun, c);
        return new TempFiles(c.files, c.bytes);
    }

    /** Leftover temp files: how many, and their total size. */
    public record TempFiles(long files, long bytes) {
        /** Adds up temp files as a walk finds them. */
        static final class Counter {
            private long files;
            private long bytes;

            void add(long size) {
                files++;
                bytes += size;
            }
        }
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        return payloads.removeIfOlderThan(digest, cutoff);
    }

    // ---- tags

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
        tags.insertTag(tag);
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        return tags.pushTag(spec, target, user);
    }

    @Override
    public void removeTag(Tag tag) {
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
    public List<spfs.storage.StorageFinding> audit() {
        return new LayoutAudit(root).run();
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }
}
