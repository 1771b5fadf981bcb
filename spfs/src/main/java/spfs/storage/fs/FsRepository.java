package spfs.storage.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
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
    private final RepositoryPermissions perms;
    private final HashStore objects;
    private final HashStore payloads;
    private final FsTagStore tags;
    private final TempNames tempNames = new TempNames();

    private FsRepository(Path root, Optional<String> namespace) {
        this(root, RepositoryPermissions.of(root), namespace);
    }

    private FsRepository(Path root, RepositoryPermissions perms, Optional<String> namespace) {
        this(root, perms, new HashStore(root.resolve("objects"), perms), new HashStore(root.resolve("payloads"), perms),
                new FsTagStore(root.resolve("tags"), namespace, perms));
    }

    private FsRepository(Path root, RepositoryPermissions perms, HashStore objects, HashStore payloads, FsTagStore tags) {
        this.root = root;
        this.perms = perms;
        this.objects = objects;
        this.payloads = payloads;
        this.tags = tags;
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

    /** Creates (or re-initialises) a repository; existing data is kept. It is private unless its root says shared. */
    public static FsRepository create(Path root, Optional<String> namespace) {
        return create(root, namespace, Optional.empty());
    }

    /**
     * Creates (or re-initialises) a repository, shared with {@code sharedGroup} when given (an
     * existing repository is turned shared: every directory and file gets the group, see
     * {@link RepositoryPermissions}); existing data is kept.
     */
    public static FsRepository create(Path root, Optional<String> namespace, Optional<String> sharedGroup) {
        Path r = root.toAbsolutePath().normalize();
        try {
            if (Files.exists(r) && !Files.isDirectory(r)) {
                throw SpfsException.badInput("not-a-directory", "'" + root + "' exists and is not a directory");
            }
            checkVersion(r);
            RepositoryPermissions perms = RepositoryPermissions.privateToOwner();
            if (sharedGroup.isPresent()) {
                perms = RepositoryPermissions.sharedWith(SharedRepositories.lookupGroup(sharedGroup.get()));
                perms.makeDirs(r);
                SharedRepositories.share(r, perms);
            } else {
                perms.makeDirs(r);
                perms = RepositoryPermissions.of(r);
            }
            for (String d : List.of("tags", "objects", "payloads", "durable_edits", "renders")) {
                perms.makeDirs(r.resolve(d));
            }
            Path version = r.resolve("VERSION");
            if (!Files.isRegularFile(version, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || !Files.readString(version, StandardCharsets.US_ASCII).trim().equals(FORMAT_VERSION)) {
                DurableFiles.writeAtomically(version, FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII),
                        RepositoryPermissions.readWrite());
                perms.share(version, false);
            }
            return new FsRepository(r, perms, namespace);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot create repository " + root + ": " + IoMessages.describe(e), e);
        }
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
        return new FsRepository(root, perms, objects, payloads, tags.inNamespace(ns));
    }

    @Override
    public FsRepository withTagNamespace(Optional<String> ns) {
        return withNamespace(ns);
    }

    /** The group this repository is shared with, if it is (see {@link RepositoryPermissions}). */
    public Optional<String> sharedGroup() {
        return perms.group().map(java.security.Principal::getName);
    }

    /** Where this user's renders and proxies live, made private to them (see {@link UserRenders}). */
    public Path userRenders() {
        return UserRenders.prepare(root.resolve("renders"), currentUser(), perms);
    }

    /** Namespaces that hold tags. */
    public List<String> tagNamespaces() {
        return tags.namespaces();
    }

    @Override
    public String address() {
        return "file:" + root;
    }

    /** Starts a write session holding this repository's lock shared (see {@link FsWriteSession}). */
    @Override
    public FsWriteSession beginWrite() {
        return new FsWriteSession(this, RepositoryLock.acquire(root, false, perms), objects, payloads);
    }

    /** Held while a runtime record is read, changed and written back; see {@link RecordLock}. */
    public RecordLock runtimeRecordLock() {
        return RecordLock.acquire(root.resolve("runtimes.lock"), perms);
    }

    /** Held by clean while it decides and deletes: no write session runs meanwhile. */
    public RepositoryLock cleanLock() {
        return RepositoryLock.acquire(root, true, perms);
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
        return objects.has(digest);
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

    /** Stores {@code object} through a write session of its own (under the lock, durable on return). */
    @Override
    public Digest writeObject(SpfsObject object) {
        try (FsWriteSession s = beginWrite()) {
            Digest d = s.writeObject(object);
            s.flush();
            return d;
        }
    }

    /**
     * Stores an object: durably at once, or, with a {@code batch}, as a temp file the batch makes
     * durable and renames at its flush. The caller holds the lock (a write session).
     */
    Digest storeObject(SpfsObject object, WriteBatch batch) {
        Digest d = object.digest();
        // the session's caller asked just before and heard it is missing: no second look
        if (!(batch != null && batch.takeMissingObject(d)) && objects.has(d) && objects.touch(d)) {
            return d;
        }
        try {
            Path target = objects.prepare(d);
            byte[] bytes = ObjectCodec.encode(object);
            if (batch == null) {
                Path tmp = DurableFiles.tempBeside(target, tempNames);
                DurableFiles.writeTemp(tmp, bytes, bytes.length, READ_ONLY, true);
                finish(tmp, target);
            } else if (batch.claimObject(d)) {
                Path tmp = DurableFiles.tempBeside(target, tempNames);
                batch.calls().writeNew(tmp, bytes, bytes.length, RepositoryPermissions.READ_ONLY_BITS);
                perms.share(tmp, false);
                batch.add(tmp, target, false);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write object " + d + ": " + IoMessages.describe(e), e);
        }
        return d;
    }

    private static final java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> READ_ONLY = RepositoryPermissions.readOnly();

    /** Gives a complete, synced temp file its group (when shared) and renames it into place. */
    private void finish(Path tmp, Path target) throws IOException {
        boolean moved = false;
        try {
            perms.share(tmp, false);
            DurableFiles.moveIntoPlace(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
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
        return payloads.has(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return java.nio.channels.Channels.newInputStream(openPayloadChannel(digest));
    }

    /**
     * A payload as a channel for reads at any position (the FUSE view), opened as {@link
     * #openPayload} opens it: never through a link, only a regular file.
     */
    public FileChannel openPayloadChannel(Digest digest) {
        return openStoredPayload(digest).channel();
    }

    /** One lstat (regular? its size) and one open; a payload's bytes never change under its name. */
    @Override
    public SizedPayload openSizedPayload(Digest digest) {
        StoredFiles.Sized opened = openStoredPayload(digest);
        return new SizedPayload(java.nio.channels.Channels.newInputStream(opened.channel()), opened.size());
    }

    private StoredFiles.Sized openStoredPayload(Digest digest) {
        Path p = payloads.path(digest);
        try {
            return StoredFiles.sized(p);
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

    /** Each writing thread's buffer for the start of a payload (one more byte than a small one). */
    private final ThreadLocal<byte[]> headBuffer = ThreadLocal.withInitial(() -> new byte[SMALL_PAYLOAD + 1]);

    /** Stores a payload through a write session of its own (under the lock, durable on return). */
    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        try (FsWriteSession s = beginWrite()) {
            PayloadWrite w = s.writePayload(data, mode);
            s.flush();
            return w;
        }
    }

    /**
     * Stores a copy that must hash to {@code expected}, hashing it once (the default would hash
     * it twice: once to check, once to name it); bytes that do not are refused before anything
     * is made visible.
     */
    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        try (FsWriteSession s = beginWrite()) {
            PayloadWrite w = s.writePayload(data, mode, expected);
            s.flush();
            return w;
        }
    }

    /** Stores a payload, at once or through {@code batch} as {@link #storeObject} does. */
    PayloadWrite storePayload(InputStream data, int mode, WriteBatch batch) {
        return storePayload(data, mode, batch, null);
    }

    /**
     * As {@link #storePayload(InputStream, int, WriteBatch)}; when {@code expected} is given, a
     * payload whose bytes hash to anything else is refused with CorruptObjectException, and its
     * temp file removed.
     */
    PayloadWrite storePayload(InputStream data, int mode, WriteBatch batch, Digest expected) {
        try {
            // the first 128 KiB into this thread's buffer, read until full or the end: no guess
            // from available() (a network stream says 0) and no pieces to join afterwards
            // and written from there: the buffer is this thread's until this call returns
            byte[] buf = headBuffer.get();
            int n = data.readNBytes(buf, 0, buf.length);
            if (n <= SMALL_PAYLOAD) {
                return writeSmallPayload(buf, n, mode, batch, expected);
            }
            return writeLargePayload(buf, n, data, mode, batch, expected);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write payload: " + IoMessages.describe(e), e);
        }
    }

    /** The payload is the first {@code size} bytes of {@code content}. */
    private PayloadWrite writeSmallPayload(byte[] content, int size, int mode, WriteBatch batch, Digest expected)
            throws IOException {
        Digest d = Digest.of(content, 0, size);
        requireExpected(d, expected);
        if (!isMissing(d, batch) && payloads.has(d) && payloads.touch(d)) {
            return new PayloadWrite(d, size, false);
        }
        Path target = payloads.prepare(d);
        Path tmp = DurableFiles.tempBeside(target, tempNames);
        if (batch == null) {
            DurableFiles.writeTemp(tmp, content, size, RepositoryPermissions.payloadAttribute(mode), true);
            finish(tmp, target);
        } else if (batch.claimPayload(d)) {
            batch.calls().writeNew(tmp, content, size, RepositoryPermissions.payloadBits(mode));
            perms.share(tmp, false);
            batch.add(tmp, target, true);
        } else {
            return new PayloadWrite(d, size, false);
        }
        return new PayloadWrite(d, size, true);
    }

    /** Streams through the hasher into payloads/work (the digest is unknown until the end). */
    /** The payload is the first {@code headSize} bytes of {@code head} (this thread's buffer, reused), then {@code rest}. */
    private PayloadWrite writeLargePayload(byte[] head, int headSize, InputStream rest, int mode, WriteBatch batch,
            Digest expected) throws IOException {
        Path tmp = DurableFiles.tempIn(payloads.work(), tempNames);
        boolean done = false;
        try {
            MessageDigest md = Digest.sha256();
            long size = 0;
            // created with its final mode (less the umask): the descriptor stays writable
            try (FileChannel ch = FileChannel.open(tmp, DurableFiles.CREATE_NEW, RepositoryPermissions.payloadAttribute(mode))) {
                byte[] buf = head.length >= (1 << 16) ? head : new byte[1 << 16];
                md.update(head, 0, headSize);
                ByteBuffer first = ByteBuffer.wrap(head, 0, headSize);
                while (first.hasRemaining()) {
                    ch.write(first);
                }
                size += headSize;
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
            Digest d = Digest.finish(md);
            requireExpected(d, expected);
            PayloadWrite w = finishPayload(tmp, d, size, batch);
            done = w.created();
            return w;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * True when the session's caller asked for {@code d} just before and heard it is missing (a
     * pull asks before it downloads): the store need not look again. Should another writer store
     * it meanwhile, the batch's rename finds theirs and keeps it.
     */
    private static boolean isMissing(Digest d, WriteBatch batch) {
        return batch != null && batch.takeMissingPayload(d);
    }

    private static void requireExpected(Digest actual, Digest expected) {
        if (expected != null && !expected.equals(actual)) {
            throw new CorruptObjectException("payload " + expected, "its content hashes to " + actual);
        }
    }

    /** Puts a fully written temp file in place (or into the batch), unless the payload already exists. */
    private PayloadWrite finishPayload(Path tmp, Digest d, long size, WriteBatch batch) throws IOException {
        // an existing payload may be hard-linked by renders: leave its inode alone
        if (!isMissing(d, batch) && payloads.has(d) && payloads.touch(d)) {
            return new PayloadWrite(d, size, false);
        }
        if (batch == null) {
            finish(tmp, payloads.prepare(d));
        } else if (batch.claimPayload(d)) {
            perms.share(tmp, false);
            batch.add(tmp, payloads.prepare(d), true);
        } else {
            return new PayloadWrite(d, size, false);
        }
        return new PayloadWrite(d, size, true);
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
        try (FsWriteSession s = beginWrite()) {
            s.insertTag(tag);
        }
    }

    /** Points a tag at {@code target} through a write session of its own, which checks the target is stored. */
    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        try (FsWriteSession s = beginWrite()) {
            return s.pushTag(spec, target, user);
        }
    }

    /** The tag store, for write sessions (which hold the lock and check targets). */
    FsTagStore tagStore() {
        return tags;
    }

    @Override
    public void removeTag(Tag tag) {
        try (FsWriteSession s = beginWrite()) {
            s.removeTag(tag);
        }
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        try (FsWriteSession s = beginWrite()) {
            s.removeTagStream(spec);
        }
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

    /** Clean runs under the exclusive lock and also removes temp files and stale renders. */
    @Override
    public Optional<spfs.storage.CleanAccess> cleanAccess() {
        return Optional.of(new FsCleanAccess(this));
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }
}
