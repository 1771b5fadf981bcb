package spfs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.ObjectCodec;
import spfs.graph.SpfsObject;
import spfs.storage.ForwardingRepository;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;

/**
 * A pull killed (SIGKILL) while it copies leaves nothing half-done in sight: every file under a
 * digest's name holds exactly that digest's bytes, no blob is visible without its payload, no tag
 * points at what was not copied, and the next pull completes the copy. The pull runs in a child JVM ({@link Child}) from a source slowed
 * down per payload, so that the kill lands in the middle of the copy.
 */
class KilledPullTest {
    @TempDir
    Path tmp;

    @Test
    void aPullKilledMidCopyLeavesNoPartialPayloadAndNoTag() throws Exception {
        SmallFilesLayer committed = SmallFilesLayer.commit(tmp, 400, java.util.Map.of("large", new byte[300_000]));
        committed.repo().pushTag(TagSpec.parse("bench"), committed.layer(), "test");
        Path to = tmp.resolve("to");
        FsRepository.create(to, Optional.empty());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Child.class.getName(), committed.repo().root().toString(), to.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // well under way: 40 of the 401 payloads written (about a tenth of the copy's time)
            while (regularFiles(to.resolve("payloads")).size() < 40 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(child.isAlive(), "the pull was still copying when killed: " + Files.readString(tmp.resolve("child.log")));
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
        FsRepository dest = FsRepository.open(to, Optional.empty());
        assertEquals(List.of(), dest.readTagStream(TagSpec.parse("bench")), "no tag before its data");
        assertFalse(dest.hasObject(committed.layer()));
        for (Path p : regularFiles(to.resolve("payloads"))) {
            Digest named = digestNamed(p);
            if (named != null) {
                assertEquals(named, Digest.of(Files.readAllBytes(p)), "a visible payload is whole: " + p);
            }
        }
        for (Path p : regularFiles(to.resolve("objects"))) {
            Digest named = digestNamed(p);
            if (named != null) {
                SpfsObject object = ObjectCodec.decode(Files.readAllBytes(p));
                assertEquals(named, object.digest(), "a visible object is whole: " + p);
                if (object instanceof Blob blob) {
                    assertTrue(dest.hasPayload(blob.payload()), "no blob is visible before its payload: " + p);
                }
            }
        }

        try (Syncer sync = new Syncer(committed.repo(), dest, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
            sync.syncRef("bench");
        }
        assertEquals(committed.layer(), dest.resolveTag(TagSpec.parse("bench")).target());
        assertTrue(dest.hasPayload(Digest.of(new byte[300_000])));
    }

    /** The digest a stored file's path names (fan-out directory and file name), or null for a temp file. */
    private static Digest digestNamed(Path p) {
        String name = p.getFileName().toString();
        String fan = p.getParent().getFileName().toString();
        if (name.startsWith(".") || fan.length() != 2) {
            return null;
        }
        return Digest.parse(fan + name);
    }

    private static List<Path> regularFiles(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).forEach(out::add);
        } catch (java.io.UncheckedIOException e) {
            // a temp file renamed or removed while walked: the next poll sees the rest
        }
        return out;
    }

    /** The pull that gets killed: from args[0] to args[1], each payload's download slowed by 100 ms. */
    public static final class Child {
        public static void main(String[] args) {
            Repository from = new Slow(FsRepository.open(Path.of(args[0]), Optional.empty()));
            FsRepository to = FsRepository.open(Path.of(args[1]), Optional.empty());
            try (Syncer sync = new Syncer(from, to, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
                sync.syncRef("bench");
            }
        }
    }

    private static final class Slow extends ForwardingRepository {
        Slow(Repository delegate) {
            super(delegate);
        }

        @Override
        public InputStream openPayload(Digest digest) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.openPayload(digest);
        }

        @Override
        public void readPayloads(java.util.List<Digest> digests, PayloadReader reader) throws java.io.IOException {
            for (Digest d : digests) {
                try (InputStream in = openPayload(d)) {
                    reader.read(d, in);
                }
            }
        }
    }
}
