package spfs.storage.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.SpfsException;
import spfs.graph.SpfsObject;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A repository kept in a tar archive: unpacked into a temp directory on open, used as a file
 * system repository there, and packed back over the archive (atomically) on close if anything
 * was written. Not for concurrent use, as in spfs.
 */
public final class TarRepository implements Repository {
    private final Path archive;
    private final Path workDir;
    private final FsRepository fs;
    private boolean dirty;

    private TarRepository(Path archive, Path workDir, FsRepository fs, boolean dirty) {
        this.archive = archive;
        this.workDir = workDir;
        this.fs = fs;
        this.dirty = dirty;
    }

    /** Opens (or, if the file does not exist, starts) the archive at {@code archive}. */
    public static TarRepository open(Path archive, Optional<String> namespace) {
        Path abs = archive.toAbsolutePath().normalize();
        Path dir;
        try {
            dir = java.nio.file.Files.createTempDirectory("spfs-tar-repo");
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot create a temp directory: " + spfs.error.IoMessages.describe(e), e);
        }
        boolean exists = java.nio.file.Files.exists(abs);
        try {
            if (exists) {
                TarArchives.unpack(abs, dir);
            }
            FsRepository fs = FsRepository.create(dir, namespace);
            return new TarRepository(abs, dir, fs, !exists);
        } catch (RuntimeException e) {
            spfs.render.RenderCleanup.deleteTree(dir);
            throw e;
        }
    }

    /** Writes the archive now if it changed. */
    public void flush() {
        if (dirty) {
            TarArchives.pack(workDir, archive);
            dirty = false;
        }
    }

    /** The repository this archive is unpacked into (valid until close). */
    public FsRepository unpacked() {
        return fs;
    }

    @Override
    public String address() {
        return "tar:" + archive;
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            spfs.render.RenderCleanup.deleteTree(workDir);
        }
    }

    private void changed() {
        dirty = true;
    }

    /** A session on the unpacked repository; the archive is written back at close. */
    @Override
    public spfs.storage.WriteSession beginWrite() {
        changed();
        return fs.beginWrite();
    }

    @Override
    public boolean hasObject(Digest digest) {
        return fs.hasObject(digest);
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        return fs.readObject(digest);
    }

    @Override
    public Digest writeObject(SpfsObject object) {
        changed();
        return fs.writeObject(object);
    }

    @Override
    public Stream<Digest> objectDigests() {
        return fs.objectDigests();
    }

    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        return fs.findObjects(partial);
    }

    @Override
    public boolean removeObject(Digest digest) {
        changed();
        return fs.removeObject(digest);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        changed();
        return fs.removeObjectIfOlderThan(digest, cutoff);
    }

    @Override
    public boolean hasPayload(Digest digest) {
        return fs.hasPayload(digest);
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return fs.openPayload(digest);
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        changed();
        return fs.writePayload(data, mode);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return fs.payloadDigests();
    }

    @Override
    public boolean removePayload(Digest digest) {
        changed();
        return fs.removePayload(digest);
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        changed();
        return fs.removePayloadIfOlderThan(digest, cutoff);
    }

    @Override
    public long payloadSize(Digest digest) {
        return fs.payloadSize(digest);
    }

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        return fs.readTagStream(spec);
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        return fs.resolveTag(spec);
    }

    @Override
    public void insertTag(Tag tag) {
        changed();
        fs.insertTag(tag);
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        changed();
        return fs.pushTag(spec, target, user);
    }

    @Override
    public void removeTag(Tag tag) {
        changed();
        fs.removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        changed();
        fs.removeTagStream(spec);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        return fs.tagStreams();
    }

    @Override
    public List<TagListing> lsTags(String path) {
        return fs.lsTags(path);
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        return fs.findTags(digest);
    }

    /** The unpacked files' problems; their permissions are those of a private temp folder, not the archive's. */
    @Override
    public List<spfs.storage.StorageFinding> audit() {
        return fs.audit().stream().filter(f -> f.severity() == spfs.storage.StorageFinding.Severity.PROBLEM).toList();
    }

    @Override
    public Optional<String> tagNamespace() {
        return fs.tagNamespace();
    }
}
