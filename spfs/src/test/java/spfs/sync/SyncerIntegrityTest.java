package spfs.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;

/** A parallel copy refuses a payload whose bytes are not what its digest says, and makes nothing of it visible. */
class SyncerIntegrityTest {
    @TempDir
    Path tmp;

    @Test
    void aCorruptPayloadAmongManyIsRefusedAndNoPartOfTheCopyBecomesVisible() throws Exception {
        SmallFilesLayer committed = SmallFilesLayer.commit(tmp, 300, java.util.Map.of("large", new byte[200_000]));
        FsRepository from = committed.repo();
        Digest layer = committed.layer();
        for (Digest bad : List.of(Digest.of("file 150".getBytes()), Digest.of(new byte[200_000]))) {
            Path p = from.payloadPath(bad);
            byte[] bytes = Files.readAllBytes(p);
            bytes[bytes.length / 2] ^= 1;
            Files.setAttribute(p, "unix:mode", 0644);
            Files.write(p, bytes);
        }
        FsRepository to = FsRepository.create(tmp.resolve("to"), Optional.empty());
        SpfsException e;
        try (Syncer sync = new Syncer(from, to, SyncPolicy.MISSING_DATA_ONLY, 8, SyncReporter.NONE)) {
            e = assertThrows(SpfsException.class, () -> sync.syncDigest(layer));
        }
        assertEquals("corrupt-payload", e.code(), e.getMessage());
        assertFalse(to.hasObject(layer));
        try (Stream<Path> all = Files.walk(to.root().resolve("payloads"));
                Stream<Path> objects = Files.walk(to.root().resolve("objects"))) {
            assertEquals(List.of(), Stream.concat(all, objects).filter(Files::isRegularFile).toList(),
                    "neither payloads nor their temp files stay behind");
        }
    }
}
