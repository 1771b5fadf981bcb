package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.CheckReport;
import spfs.check.Checker;
import spfs.encoding.Digest;
import spfs.graph.ObjectCodec;
import spfs.storage.fs.FsRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** Reliability with real processes: SIGKILLed commits, concurrent taggers, clean during commits. */
class SpfsProcessTest {
    @TempDir
    Path tmp;

    static void makeTree(Path root, int files, int size, long seed) throws IOException {
        Random r = new Random(seed);
        for (int i = 0; i < files; i++) {
            Path p = root.resolve("d" + (i % 17)).resolve("sub" + (i % 5)).resolve("f" + i);
            Files.createDirectories(p.getParent());
            byte[] b = new byte[size + r.nextInt(size)];
            r.nextBytes(b);
            Files.write(p, b);
        }
    }

    /** Every stored object decodes and hashes to its name; every payload hashes to its name. */
    static void assertNothingCorrupt(FsRepository repo) throws IOException {
        try (Stream<Digest> objects = repo.objectDigests()) {
            for (Digest d : objects.toList()) {
                assertEquals(d, ObjectCodec.decode(Files.readAllBytes(repo.objectPath(d))).digest(), "object " + d);
            }
        }
        try (Stream<Digest> payloads = repo.payloadDigests()) {
            for (Digest d : payloads.toList()) {
                assertEquals(d, Digest.of(Files.readAllBytes(repo.payloadPath(d))), "payload " + d);
            }
        }
    }

    @Test
    void killedCommitsLeaveARepositoryThatChecksAndCommitsAgain() throws Exception {
        Path src = tmp.resolve("src");
        makeTree(src, 400, 8_000, 1);
        Path repoPath = tmp.resolve("repo");
        // how long one commit takes, so that kills land anywhere inside it
        long t0 = System.nanoTime();
        SpfsProcess.Result full = SpfsProcess.run(tmp.resolve("probe"), List.of(), "commit", "--path", src.toString(), "-t", "probe");
        assertEquals(0, full.exit(), full.output());
        long spanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        Random r = new Random(42);
        int iterations = 20;
        for (int i = 0; i < iterations; i++) {
            // each round changes a few files, so every commit has new data to be interrupted in
            Files.writeString(src.resolve("d0/sub0/f0"), "round " + i);
            Process p = SpfsProcess.builder(repoPath, List.of(), "commit", "--path", src.toString(), "-t", "killed")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(r.nextInt((int) Math.max(50, spanMillis)));
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            if (!Files.isDirectory(repoPath.resolve("objects"))) {
                continue; // killed before the repository existed
            }
            FsRepository repo = FsRepository.open(repoPath, Optional.empty());
            CheckReport report = new Checker(repo, Optional.empty(), 4).check(List.of());
            int round = i;
            assertEquals(0, report.unresolved(), () -> "round " + round + ": " + report.problems().stream().limit(3).toList());
            assertNothingCorrupt(repo);
        }
        SpfsProcess.Result again = SpfsProcess.run(repoPath, List.of(), "commit", "--path", src.toString(), "-t", "after");
        assertEquals(0, again.exit(), again.output());
        SpfsProcess.Result check = SpfsProcess.run(repoPath, List.of(), "check");
        assertEquals(0, check.exit(), check.output());
    }

    @Test
    void twoProcessesTaggingOneStreamLoseNoVersion() throws Exception {
        Path repoPath = tmp.resolve("repo");
        FsRepository.create(repoPath, Optional.empty());
        int n = 15;
        List<Process> procs = new ArrayList<>();
        for (String who : List.of("a", "b")) {
            Path dir = tmp.resolve("src-" + who);
            Files.createDirectories(dir);
            // a shell loop per process: commit a distinct tree and tag it, n times
            StringBuilder script = new StringBuilder("set -e\n");
            for (int i = 0; i < n; i++) {
                script.append("echo ").append(who).append(i).append(" > ").append(dir).append("/file\n");
                script.append("\"$JAVA\" $JOPTS -cp \"$CP\" spk.cli.spfs.SpfsMain commit --path ").append(dir)
                        .append(" -t shared/stream >/dev/null\n");
            }
            ProcessBuilder pb = SpfsProcess.builder(repoPath, List.of(), "version");
            pb.command("bash", "-c", script.toString());
            pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            pb.environment().put("JOPTS", String.join(" ", SpfsProcess.jvmOptions()));
            pb.environment().put("CP", System.getProperty("java.class.path"));
            procs.add(pb.redirectErrorStream(true).start());
        }
        for (Process p : procs) {
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
        }
        FsRepository repo = FsRepository.open(repoPath, Optional.empty());
        List<Tag> versions = repo.readTagStream(TagSpec.parse("shared/stream"));
        assertEquals(2 * n, versions.size(), "every commit's tag version is kept");
        Set<Digest> targets = new HashSet<>();
        versions.forEach(t -> targets.add(t.target()));
        assertEquals(2 * n, targets.size());
        for (int i = 0; i + 1 < versions.size(); i++) {
            assertTrue(!versions.get(i).time().isBefore(versions.get(i + 1).time()), "newest first");
        }
    }

    @Test
    void cleanRunningBesideCommitsNeverBreaksThem() throws Exception {
        Path repoPath = tmp.resolve("repo");
        FsRepository.create(repoPath, Optional.empty());
        Path stop = tmp.resolve("stop");
        // cleans with no age floor, back to back, for as long as the commits run
        String cleans = "while [ ! -e " + stop + " ]; do \"$JAVA\" $JOPTS -cp \"$CP\" spk.cli.spfs.SpfsMain clean --min-age 0s"
                + " >/dev/null || exit 1; done";
        ProcessBuilder pb = SpfsProcess.builder(repoPath, List.of(), "version");
        pb.command("bash", "-c", cleans);
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JOPTS", String.join(" ", SpfsProcess.jvmOptions()));
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Process cleaner = pb.redirectErrorStream(true).start();
        int rounds = 6;
        try {
            for (int i = 0; i < rounds; i++) {
                // all new content each round, so every commit writes untagged data for a while
                Path src = tmp.resolve("src" + i);
                makeTree(src, 300, 8_000, 100 + i);
                SpfsProcess.Result r = SpfsProcess.run(repoPath, List.of(), "commit", "--path", src.toString(), "-t", "t" + i);
                assertEquals(0, r.exit(), r.output());
            }
        } finally {
            Files.createFile(stop);
        }
        String out = new String(cleaner.getInputStream().readAllBytes());
        assertEquals(0, cleaner.waitFor(), out);
        FsRepository repo = FsRepository.open(repoPath, Optional.empty());
        CheckReport report = new Checker(repo, Optional.empty(), 4).check(List.of());
        assertEquals(0, report.problems().size(), () -> report.problems().stream().limit(3).toList().toString());
        assertEquals(rounds * 300, report.payloadsChecked(), "all commits fully present");
    }

    /**
     * spfs tag racing spfs clean (no age floor) on a blob nothing else references: each round,
     * the tag either lands and its target survives, or is refused as "not in the repository";
     * never a tag pointing at an object clean deleted.
     */
    @Test
    void taggingRacingCleanNeverLeavesADanglingTag() throws Exception {
        Path repoPath = tmp.resolve("repo");
        FsRepository.create(repoPath, Optional.empty());
        String spfs = "\"$JAVA\" $JOPTS -cp \"$CP\" spk.cli.spfs.SpfsMain";
        StringBuilder script = new StringBuilder("set -u\n");
        int rounds = 8;
        for (int i = 0; i < rounds; i++) {
            script.append("d=$(echo round").append(i).append(" | ").append(spfs).append(" write | sed 's/created: //')\n");
            script.append(spfs).append(" tag \"$d\" race/t").append(i).append(" 2>>").append(tmp.resolve("tag.err")).append(" &\n");
            script.append(spfs).append(" clean --min-age 0s >/dev/null || exit 9\n");
            script.append("wait $! ; s=$?; [ $s -eq 0 ] || [ $s -eq 1 ] || exit $s\n");
        }
        ProcessBuilder pb = SpfsProcess.builder(repoPath, List.of(), "version");
        pb.command("bash", "-c", script.toString());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().put("JOPTS", String.join(" ", SpfsProcess.jvmOptions()));
        pb.environment().put("CP", System.getProperty("java.class.path"));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out + (Files.exists(tmp.resolve("tag.err")) ? Files.readString(tmp.resolve("tag.err")) : ""));
        FsRepository repo = FsRepository.open(repoPath, Optional.empty());
        List<TagSpec> tags;
        try (Stream<TagSpec> s = repo.tagStreams()) {
            tags = s.toList();
        }
        for (TagSpec t : tags) {
            Digest target = repo.resolveTag(t).target();
            assertTrue(repo.hasObject(target) && repo.hasPayload(target), t + " points at " + target + ", which is gone");
        }
        CheckReport report = new Checker(repo, Optional.empty(), 2).check(List.of());
        assertEquals(0, report.problems().size(), report.problems().toString());
    }

    @Test
    void aLargeFileCommitsInASmallHeap() throws Exception {
        Path src = tmp.resolve("big");
        Files.createDirectories(src);
        Path f = src.resolve("sparse.bin");
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(300L << 20); // sparse: costs no disk until committed
            raf.seek(123_456_789L);
            raf.write(42);
        }
        SpfsProcess.Result r = SpfsProcess.run(tmp.resolve("repo"), List.of("-Xmx32m"), "commit", "--path", src.toString());
        assertEquals(0, r.exit(), r.output());
        FsRepository repo = FsRepository.open(tmp.resolve("repo"), Optional.empty());
        try (Stream<Digest> p = repo.payloadDigests()) {
            Digest d = p.findFirst().orElseThrow();
            assertEquals(300L << 20, Files.size(repo.payloadPath(d)));
        }
    }
}
