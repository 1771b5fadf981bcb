package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.error.SpfsException;

/** A large batch makes chunks durable and visible while it is still being written, never a blob before its payload. */
class WriteBatchTest {
    private static final int CHUNK = 20;

    @TempDir
    Path root;

    /** A temp file beside {@code target} holding {@code content}, as the repository writes one. */
    private static Path temp(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = DurableFiles.tempBeside(target);
        Files.writeString(tmp, content);
        return tmp;
    }

    private List<Path> addFiles(WriteBatch batch, String kind, int count) throws IOException {
        List<Path> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path target = root.resolve(kind).resolve("d" + i % 3).resolve("f" + i);
            batch.add(temp(target, kind + i), target, kind.equals("payloads"));
            targets.add(target);
        }
        return targets;
    }

    private List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void aChunkIsRenamedIntoPlaceBeforeTheFlushAndTheFlushDoesTheRest() throws Exception {
        WriteBatch batch = new WriteBatch(root, CHUNK);
        List<Path> targets = addFiles(batch, "payloads", CHUNK + 5);
        batch.awaitBackground();
        long visible = targets.stream().filter(Files::exists).count();
        assertTrue(visible >= CHUNK, "a chunk is in place before any flush: " + visible);
        assertEquals(targets.size() - visible, files(DurableFiles.TEMP_SUFFIX).size(), "the rest still temp files");
        batch.flush();
        for (int i = 0; i < targets.size(); i++) {
            assertEquals("payloads" + i, Files.readString(targets.get(i)));
        }
        assertEquals(List.of(), files(DurableFiles.TEMP_SUFFIX));
    }

    @Test
    void aBlobIsNeverVisibleBeforeItsPayloadWhileWritersAddPairsConcurrently() throws Exception {
        WriteBatch batch = new WriteBatch(root, CHUNK);
        int writers = 4;
        int pairs = 150;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(writers);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < pairs; i++) {
                        String name = writer + "-" + i;
                        Path payload = root.resolve("payloads").resolve(name);
                        batch.add(temp(payload, name), payload, true);
                        Path blob = root.resolve("objects").resolve(name);
                        batch.add(temp(blob, name), blob, false);
                    }
                } catch (Throwable e) {
                    failed.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            });
            t.start();
        }
        start.countDown();
        List<String> early = new ArrayList<>();
        do {
            for (int w = 0; w < writers; w++) {
                for (int i = 0; i < pairs; i++) {
                    String name = w + "-" + i;
                    // blob first: a payload renamed before it is still there when looked at after
                    if (Files.exists(root.resolve("objects").resolve(name))) {
                        if (!Files.exists(root.resolve("payloads").resolve(name))) {
                            early.add(name);
                        }
                    }
                }
            }
        } while (!done.await(0, java.util.concurrent.TimeUnit.MILLISECONDS));
        assertEquals(null, failed.get());
        batch.flush();
        assertEquals(List.of(), early, "blobs visible before their payloads");
        assertEquals(writers * pairs, files("").stream().filter(p -> p.getParent().endsWith("objects")).count());
        assertEquals(List.of(), files(DurableFiles.TEMP_SUFFIX));
    }

    @Test
    void abortWaitsForTheChunkInFlightAndDeletesEveryOtherTempFile() throws Exception {
        WriteBatch batch = new WriteBatch(root, CHUNK);
        // the last of these starts a chunk of exactly these (one writer): abort must let it end
        List<Path> chunked = addFiles(batch, "objects", CHUNK);
        batch.abort();
        assertEquals(List.of(), files(DurableFiles.TEMP_SUFFIX), "no temp file is left to be renamed later");
        assertTrue(chunked.stream().allMatch(Files::exists), "what the chunk took, it finished");
        List<Path> pending = addFiles(batch, "payloads", CHUNK - 1);
        batch.abort();
        assertEquals(List.of(), files(DurableFiles.TEMP_SUFFIX));
        assertTrue(pending.stream().noneMatch(Files::exists), "what no chunk took is dropped");
    }

    @Test
    void aChunkThatCannotBeRenamedFailsEveryLaterFlushAndLeavesNoTempFile() throws Exception {
        WriteBatch batch = new WriteBatch(root, CHUNK);
        addFiles(batch, "payloads", CHUNK - 1);
        // a target whose folder is gone: its rename fails in the background
        Path gone = root.resolve("gone").resolve("f");
        Path tmp = temp(gone, "x");
        Path moved = root.resolve("payloads").resolve(tmp.getFileName());
        Files.move(tmp, moved);
        Files.delete(gone.getParent());
        batch.add(moved, gone, true);
        batch.awaitBackground();
        SpfsException e = assertThrows(SpfsException.class, batch::flush);
        assertEquals("io", e.code());
        assertThrows(SpfsException.class, batch::flush, "a later flush (a tag, a manifest) must not pass");
        assertFalse(Files.exists(gone));
        batch.abort();
        assertEquals(List.of(), files(DurableFiles.TEMP_SUFFIX));
    }
}
