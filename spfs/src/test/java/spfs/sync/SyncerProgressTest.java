package spfs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;

/** What a sync tells its reporter: every payload is planned before it is done (a progress bar never runs past its end). */
class SyncerProgressTest {
    @TempDir
    Path tmp;

    @Test
    void aManifestsPayloadsArePlannedBeforeAnyIsCopied() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        int files = 600;
        for (int i = 0; i < files; i++) {
            Files.writeString(src.resolve("f" + i), "file " + i);
        }
        FsRepository from = FsRepository.create(tmp.resolve("from"), Optional.empty());
        Digest layer = new DirectoryCommitter(from, ObjectFormat.DEFAULT, 2).commit(src).layer().digest();
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
