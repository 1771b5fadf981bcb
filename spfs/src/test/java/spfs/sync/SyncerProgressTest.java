package spfs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;

/** What a sync tells its reporter: every payload is planned before it is done (a progress bar never runs past its end). */
class SyncerProgressTest {
    @TempDir
    Path tmp;

    @Test
    void aManifestsPayloadsArePlannedBeforeAnyIsCopied() throws Exception {
        int files = 600;
        SmallFilesLayer committed = SmallFilesLayer.commit(tmp, files, java.util.Map.of());
        FsRepository from = committed.repo();
        Digest layer = committed.layer();
        FsRepository to = FsRepository.create(tmp.resolve("to"), Optional.empty());
        AtomicLong planned = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong early = new AtomicLong();
        SyncReporter reporter = new SyncReporter() {
            @Override
            public void payloadsPlanned(long count, long bytes) {
                planned.addAndGet(count);
            }

            @Override
            public void payloadDone(long bytes) {
                if (done.incrementAndGet() > planned.get()) {
                    early.incrementAndGet();
                }
            }
        };
        try (Syncer sync = new Syncer(from, to, SyncPolicy.MISSING_DATA_ONLY, 8, reporter)) {
            sync.syncDigest(layer);
        }
        assertEquals(0, early.get(), "payloads reported done before they were planned");
        assertEquals(files, done.get());
        assertEquals(files, planned.get());
        assertTrue(to.hasObject(layer));
    }
}
