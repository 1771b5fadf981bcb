package spfs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.Entry;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.Tree;
import spfs.storage.ForwardingRepository;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;

/** A manifest's payloads are read from the source in runs (a remote source sends each run in one answer). */
class SyncerRunsTest {
    @TempDir
    Path tmp;

    /** The source, recording what it was asked to read together and what alone. */
    static final class Recording extends ForwardingRepository {
        final List<List<Digest>> runs = new CopyOnWriteArrayList<>();
        final List<Digest> alone = new CopyOnWriteArrayList<>();

        Recording(Repository delegate) {
            super(delegate);
        }

        @Override
        public InputStream openPayload(Digest digest) {
            alone.add(digest);
            return super.openPayload(digest);
        }

        @Override
        public void readPayloads(List<Digest> digests, PayloadReader reader) throws IOException {
            runs.add(List.copyOf(digests));
            super.readPayloads(digests, reader);
        }
    }

    @Test
    void aManifestIsReadInBoundedRunsEachPayloadOnceAndOnlyTheMissing() throws Exception {
        byte[] large = new byte[9 << 20];
        SmallFilesLayer committed = SmallFilesLayer.commit(tmp, 300, Map.of("large1", large, "large2", fill(large.length)));
        FsRepository to = FsRepository.create(tmp.resolve("to"), Optional.empty());
        Manifest manifest = (Manifest) committed.repo().readObject(
                ((Layer) committed.repo().readObject(committed.layer())).manifest().orElseThrow());
        Map<Digest, Long> sizes = new java.util.HashMap<>();
        for (Tree t : manifest.trees()) {
            for (Entry e : t.entries()) {
                if (e.isBlob()) {
                    sizes.put(e.object(), e.size());
                }
            }
        }
        // a third of the payloads are there already: those are not asked for
        Set<Digest> present = new HashSet<>();
        int i = 0;
        for (Digest d : sizes.keySet()) {
            if (i++ % 3 == 0) {
                try (InputStream in = committed.repo().openPayload(d)) {
                    to.writePayload(in, -1, d);
                }
                present.add(d);
            }
        }
        Recording from = new Recording(committed.repo());
        try (Syncer sync = new Syncer(from, to, SyncPolicy.MISSING_DATA_ONLY, 2, SyncReporter.NONE)) {
            sync.syncDigest(committed.layer());
        }
        List<Digest> asked = new ArrayList<>();
        from.runs.forEach(asked::addAll);
        Set<Digest> missing = new HashSet<>(sizes.keySet());
        missing.removeAll(present);
        assertEquals(missing, new HashSet<>(asked), "every missing payload, none that was there");
        assertEquals(asked.size(), new HashSet<>(asked).size(), "each once");
        assertEquals(List.of(), from.alone, "none asked for outside a run");
        assertTrue(from.runs.size() >= 8, "several runs for two workers: " + from.runs.size());
        for (List<Digest> run : from.runs) {
            long bytes = run.stream().mapToLong(sizes::get).sum();
            assertTrue(run.size() <= Syncer.RUN_PAYLOADS, "run of " + run.size());
            assertTrue(run.size() == 1 || bytes <= Syncer.RUN_BYTES, "run of " + bytes + " bytes");
        }
        for (Digest d : sizes.keySet()) {
            assertTrue(to.hasPayload(d) && to.hasObject(d), "payload and blob of " + d);
        }
        assertTrue(to.hasObject(committed.layer()));
    }

    @Test
    void aSmallManifestIsSpreadOverTheWorkers() throws Exception {
        SmallFilesLayer committed = SmallFilesLayer.commit(tmp, 40, Map.of());
        FsRepository to = FsRepository.create(tmp.resolve("to"), Optional.empty());
        Recording from = new Recording(committed.repo());
        try (Syncer sync = new Syncer(from, to, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
            sync.syncDigest(committed.layer());
        }
        // 40 payloads, 4 workers: runs of at most 3, so that each worker has several
        assertTrue(from.runs.stream().allMatch(r -> r.size() <= 3), from.runs.toString());
        assertEquals(40, from.runs.stream().mapToInt(List::size).sum());
    }

    private static byte[] fill(int size) {
        byte[] b = new byte[size];
        new java.util.Random(size).nextBytes(b);
        return b;
    }
}
