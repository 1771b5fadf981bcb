package spfs.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.CheckReport;
import spfs.check.Checker;
import spfs.clean.CleanOptions;
import spfs.clean.CleanSummary;
import spfs.clean.Cleaner;
import spfs.encoding.Digest;
import spfs.graph.Platform;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** Many writers at once, and clean beside them: no version lost, nothing removed that is in use. */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class S3ConcurrencyTest {
    @RegisterExtension
    static final S3ProxyExtension proxy = new S3ProxyExtension();

    @TempDir
    Path tmp;

    @Test
    void eightClientsPushingOverlappingLayersAndTagsLoseNoVersion() throws Exception {
        int clients = 8;
        int rounds = 3;
        String address = proxy.freshRepository("repo");
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Tag>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                List<Tag> pushed = new ArrayList<>();
                FsRepository local = FsRepository.create(tmp.resolve("client-" + client), Optional.empty());
                go.await();
                for (int round = 0; round < rounds; round++) {
                    // every client's layer shares most files with the others' (the same payloads, pushed at once)
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    for (int f = 0; f < 12; f++) {
                        files.put("shared/f" + f, ("shared file " + f + "\n").repeat(100 * (f + 1)).getBytes(StandardCharsets.UTF_8));
                    }
                    files.put("own/c" + client + "r" + round, ("client " + client + " round " + round).getBytes(StandardCharsets.UTF_8));
                    Path src = tmp.resolve("src-" + client + "-" + round);
                    for (var e : files.entrySet()) {
                        java.nio.file.Files.createDirectories(src.resolve(e.getKey()).getParent());
                        java.nio.file.Files.write(src.resolve(e.getKey()), e.getValue());
                    }
                    var layer = new spfs.commit.DirectoryCommitter(local, spfs.graph.ObjectFormat.DEFAULT, 2).commit(src).layer();
                    pushed.add(local.pushTag(TagSpec.parse("shared/head"), layer.digest(), "client" + client + "@host"));
                    local.pushTag(TagSpec.parse("clients/c" + client), layer.digest(), "client" + client + "@host");
                    try (S3Repository s3 = TestRepositories.open(proxy.server(), address);
                            Syncer s = new Syncer(local, s3, SyncPolicy.LATEST_TAGS, 4, SyncReporter.NONE)) {
                        s.syncRef("shared/head");
                        s.syncRef("clients/c" + client);
                    }
                }
                return pushed;
            }));
        }
        go.countDown();
        Set<Tag> expected = new HashSet<>();
        for (Future<List<Tag>> f : results) {
            expected.addAll(f.get(6, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertEquals(clients * rounds, expected.size());
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address)) {
            List<Tag> stream = s3.readTagStream(TagSpec.parse("shared/head"));
            assertEquals(expected, new HashSet<>(stream), "every version every client pushed is there, and no other");
            for (int c = 0; c < clients; c++) {
                assertEquals(rounds, s3.readTagStream(TagSpec.parse("clients/c" + c)).size());
            }
            CheckReport r = new Checker(s3, Optional.empty(), 4).check(List.of());
            assertEquals(List.of(), r.problems());
            assertEquals(clients * rounds * 2, r.tagsChecked());
            assertEquals(12 + clients * rounds, r.payloadsChecked(), "shared files are stored once");
        }
    }

    @Test
    void writersRacingOnOneStreamEachAddTheirVersion() throws Exception {
        String address = proxy.freshRepository("repo");
        int writers = 8;
        List<Digest> targets = new ArrayList<>();
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address); WriteSession w = s3.beginWrite()) {
            for (int i = 0; i < writers; i++) {
                targets.add(w.writeObject(new Platform(List.of(Digest.ofUtf8("layer " + i)))));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Tag>> pushed = new ArrayList<>();
        for (Digest target : targets) {
            pushed.add(pool.submit(() -> {
                try (S3Repository s3 = TestRepositories.open(proxy.server(), address)) {
                    go.await();
                    return s3.pushTag(TagSpec.parse("race"), target, "w@h");
                }
            }));
        }
        go.countDown();
        Set<Tag> expected = new HashSet<>();
        for (Future<Tag> f : pushed) {
            expected.add(f.get(3, TimeUnit.MINUTES));
        }
        pool.shutdown();
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address)) {
            assertEquals(expected, new HashSet<>(s3.readTagStream(TagSpec.parse("race"))));
            assertEquals(writers, expected.size());
        }
    }

    @Test
    void cleanWaitsForARunningSessionAndThenRemovesOnlyWhatNoTagReaches() throws Exception {
        String address = proxy.freshRepository("repo");
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address, TestRepositories.QUICK)) {
            Digest kept;
            Digest orphan;
            try (WriteSession w = s3.beginWrite()) {
                kept = w.writeObject(new Platform(List.of()));
                w.pushTag(TagSpec.parse("kept"), kept, "u@h");
                orphan = w.writeObject(new Platform(List.of(Digest.ofUtf8("gone"))));
                w.writePayload(new java.io.ByteArrayInputStream("orphan payload".getBytes(StandardCharsets.UTF_8)), -1);
            }
            WriteSession running = s3.beginWrite();
            Digest inFlight = running.writeObject(new Platform(List.of(kept, kept)));
            AtomicBoolean cleaned = new AtomicBoolean();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<CleanSummary> clean = pool.submit(() -> {
                // everything written so far counts as old: only the lease keeps the session's object
                CleanSummary s = new Cleaner(s3, CleanOptions.olderThan(Instant.now().plusSeconds(3600), false)).clean();
                cleaned.set(true);
                return s;
            });
            Thread.sleep(2000);
            assertFalse(cleaned.get(), "clean waits while a session holds its lease");
            running.pushTag(TagSpec.parse("in-flight"), inFlight, "u@h");
            running.close();
            CleanSummary summary = clean.get(2, TimeUnit.MINUTES);
            pool.shutdown();
            assertTrue(s3.hasObject(kept));
            assertTrue(s3.hasObject(inFlight), "what the session wrote and tagged is kept");
            assertFalse(s3.hasObject(orphan));
            assertFalse(s3.hasPayload(Digest.ofUtf8("orphan payload")));
            assertEquals(1, summary.objectsRemoved());
            assertEquals(1, summary.payloadsRemoved());
            assertEquals(List.of(), new Checker(s3, Optional.empty(), 2).check(List.of()).problems());
        }
    }

    @Test
    void sessionsWaitWhileACleanRunsAndAKilledHoldersLeaseStopsCounting() throws Exception {
        String address = proxy.freshRepository("repo");
        try (S3Repository s3 = TestRepositories.open(proxy.server(), address, TestRepositories.QUICK)) {
            Leases.Lease clean = s3.leases().clean();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            AtomicBoolean started = new AtomicBoolean();
            Future<?> session = pool.submit(() -> {
                try (WriteSession w = s3.beginWrite()) {
                    started.set(true);
                    w.writeObject(new Platform(List.of()));
                }
                return null;
            });
            Thread.sleep(1500);
            assertFalse(started.get(), "no session starts while clean holds its lease");
            clean.close();
            session.get(1, TimeUnit.MINUTES);
            assertTrue(started.get());

            // a writer killed with its lease held: the lease is never renewed, and after its time
            // to live a clean no longer waits for it
            s3.store().write("leases/session/killed-writer", "1@host\n".getBytes(StandardCharsets.UTF_8), false);
            Leases.Lease later = s3.leases().clean();
            later.close();
            pool.shutdown();
        }
    }
}
