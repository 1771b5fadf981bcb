package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.ObjectFormat;
import spfs.graph.Platform;

/**
 * A write session looks at each fan-out directory once: a digest under one that was missing is
 * missing without a look of its own, unless the session stored it itself; under one that exists,
 * every digest gets its own look.
 */
class FanOutLooksTest {
    @TempDir
    Path tmp;

    @Test
    void aSessionSeesWhatItStoredUnderADirectoryItFoundMissing() throws Exception {
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        Platform platform = new Platform(List.of(Digest.of(new byte[] {1})));
        byte[] content = "content\n".getBytes(StandardCharsets.UTF_8);
        Digest payload = Digest.of(content);
        Blob blob = new Blob(payload, content.length, ObjectFormat.DEFAULT);
        try (FsWriteSession session = repo.beginWrite()) {
            assertFalse(session.hasObject(platform.digest()));
            assertFalse(session.hasObject(blob.digest()));
            assertFalse(session.hasPayload(payload));
            // a platform is written at once, outside the batch; the blob and payload through it
            session.writeObject(platform);
            session.writePayload(new ByteArrayInputStream(content), -1, payload);
            session.writeObject(blob);
            assertTrue(session.hasObject(platform.digest()), "its own platform, under a directory it found missing");
            assertTrue(session.hasObject(blob.digest()));
            assertTrue(session.hasPayload(payload));
            session.flush();
            assertTrue(session.hasObject(blob.digest()));
        }
        assertTrue(repo.hasObject(platform.digest()) && repo.hasObject(blob.digest()) && repo.hasPayload(payload));
    }

    @Test
    void underADirectoryThatExistsEveryDigestIsLookedAt() throws Exception {
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        FsRepository other = FsRepository.open(repo.root(), Optional.empty());
        Digest first = other.writePayload(new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)), -1).digest();
        String fanOut = HashStore.fanOut(first);
        byte[] sibling = sameFanOut(fanOut, "sibling");
        try (FsWriteSession session = repo.beginWrite()) {
            assertTrue(session.hasPayload(first));
            assertFalse(session.hasPayload(Digest.of(sibling)));
            // stored by another writer after this session's looks: the directory existed, so it is seen
            other.writePayload(new ByteArrayInputStream(sibling), -1);
            assertTrue(session.hasPayload(Digest.of(sibling)));
        }
    }

    @Test
    void underADirectoryFoundMissingAnotherWritersLaterCopyIsCopiedAgainAndKept() throws Exception {
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        FsRepository other = FsRepository.open(repo.root(), Optional.empty());
        byte[] content = "late\n".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.of(content);
        try (FsWriteSession session = repo.beginWrite()) {
            assertFalse(session.hasPayload(d));
            other.writePayload(new ByteArrayInputStream(content), -1);
            Object inode = Files.getAttribute(repo.payloadPath(d), "unix:ino");
            // the session's one look at the directory said missing: it copies, and the rename keeps theirs
            assertFalse(session.hasPayload(d));
            session.writePayload(new ByteArrayInputStream(content), -1, d);
            session.flush();
            assertEquals(inode, Files.getAttribute(repo.payloadPath(d), "unix:ino"));
        }
        assertEquals("late\n", Files.readString(repo.payloadPath(d)));
    }

    /** Content whose digest goes under {@code fanOut}, found by trying suffixes. */
    private static byte[] sameFanOut(String fanOut, String base) {
        for (int i = 0;; i++) {
            byte[] b = (base + i).getBytes(StandardCharsets.UTF_8);
            if (HashStore.fanOut(Digest.of(b)).equals(fanOut)) {
                return b;
            }
        }
    }
}
