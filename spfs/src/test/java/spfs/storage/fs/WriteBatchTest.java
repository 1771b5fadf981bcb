package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.ObjectFormat;

/** A write batch's durability protocol: nothing visible before its flush, and what others stored meanwhile kept. */
class WriteBatchTest {
    @TempDir
    Path tmp;

    @Test
    void aBatchMakesNothingVisibleBeforeItsFlush() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("store"));
        WriteBatch batch = new WriteBatch(root);
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Path target = root.resolve("file" + i);
            Path temp = DurableFiles.tempBeside(target);
            Files.writeString(temp, "content " + i);
            batch.add(temp, target, i % 2 == 0);
            targets.add(target);
        }
        for (Path target : targets) {
            assertFalse(Files.exists(target), "nothing is renamed before the flush's sync: " + target);
        }
        batch.flush();
        for (int i = 0; i < targets.size(); i++) {
            assertEquals("content " + i, Files.readString(targets.get(i)));
        }
        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX)).toList());
        }
    }

    @Test
    void aPayloadAndBlobStoredByAnotherWriterAfterTheCheckAreKeptNotReplaced() throws Exception {
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        byte[] content = "shared content\n".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.of(content);
        Blob blob = new Blob(d, content.length, ObjectFormat.DEFAULT);
        try (FsWriteSession session = repo.beginWrite()) {
            // the session hears both are missing, as a pull does before it copies...
            assertFalse(session.hasPayload(d));
            assertFalse(session.hasObject(blob.digest()));
            // ...then another writer (which renders may have linked since) stores them first
            FsRepository other = FsRepository.open(repo.root(), Optional.empty());
            other.writePayload(new ByteArrayInputStream(content), -1);
            other.writeObject(blob);
            Object payloadInode = Files.getAttribute(repo.payloadPath(d), "unix:ino");
            Object blobInode = Files.getAttribute(repo.objectPath(blob.digest()), "unix:ino");

            session.writePayload(new ByteArrayInputStream(content), -1, d);
            session.writeObject(blob);
            session.flush();

            assertEquals(payloadInode, Files.getAttribute(repo.payloadPath(d), "unix:ino"), "the first payload stays");
            assertEquals(blobInode, Files.getAttribute(repo.objectPath(blob.digest()), "unix:ino"), "the first blob stays");
        }
        for (Path dir : List.of(repo.payloadPath(d).getParent(), repo.objectPath(blob.digest()).getParent(),
                repo.root().resolve("payloads/work"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> left = Files.list(dir)) {
                    assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                            "no temp file is left in " + dir);
                }
            }
        }
    }
}
