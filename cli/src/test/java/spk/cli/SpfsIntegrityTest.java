package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.InProcessSpfs.Run;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.ObjectCodec;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;

/** Damaged or hostile data and bad names: each is refused or reported clearly, and nothing is lost. */
class SpfsIntegrityTest {
    @TempDir
    Path tmp;

    Map<String, String> env;

    @BeforeEach
    void setUp() {
        env = Map.of("SPFS_STORAGE__ROOT", tmp.resolve("local").toString(), "HOME", tmp.toString(),
                "XDG_CONFIG_HOME", tmp.resolve("no-config").toString());
    }

    Run spfs(String... args) {
        return InProcessSpfs.run(env, args);
    }

    FsRepository local() {
        return FsRepository.open(tmp.resolve("local"), Optional.empty());
    }

    Path tree() throws Exception {
        Path d = tmp.resolve("src");
        Files.createDirectories(d.resolve("dir"));
        Files.writeString(d.resolve("dir/file"), "content\n");
        Files.writeString(d.resolve("top"), "top\n");
        return d;
    }

    String commit(String tag) throws Exception {
        Run r = spfs("commit", "--path", tree().toString(), "-t", tag);
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> l.startsWith("created: ")).findFirst().orElseThrow().substring(9);
    }

    Digest manifestOf(String ref) {
        FsRepository repo = local();
        var layer = (spfs.graph.Layer) repo.readObject(spfs.storage.Refs.resolveDigest(repo, ref));
        return layer.manifest().orElseThrow();
    }

    @Test
    void aTooLongTagNameIsRefusedBeforeAnythingIsWritten() throws Exception {
        String name = "org/" + "n".repeat(300);
        Run r = spfs("commit", "--path", tree().toString(), "-t", name);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("at most 246"), r.err());
        assertFalse(Files.exists(tmp.resolve("local/tags/org")), "no folder is left behind");
        if (Files.isDirectory(tmp.resolve("local/objects"))) {
            try (Stream<Digest> objects = local().objectDigests()) {
                assertEquals(0, objects.count(), "nothing was committed");
            }
        }
        Run folder = spfs("commit", "--path", tree().toString(), "-t", "f".repeat(256) + "/name");
        assertEquals(2, folder.exit(), folder.err());
    }

    @Test
    void aVersionSuffixWhereANameIsExpectedIsRefused() throws Exception {
        String layer = commit("base");
        Run r = spfs("tag", layer, "newtag~3");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("newtag"), r.err());
        assertEquals(1, spfs("ls", "newtag").exit(), "no newtag stream was made");
        assertEquals(2, spfs("commit", "--path", tree().toString(), "-t", "other~1").exit());
    }

    @Test
    void namesThatAreNotUtf8AreRefusedNamingTheFile() throws Exception {
        Path d = tmp.resolve("latin1");
        Files.createDirectories(d);
        // Java cannot spell these names, so a shell makes them
        Process p = new ProcessBuilder("bash", "-c", "printf one > $'a\\xff'; printf two > $'a\\xfe'").directory(d.toFile()).start();
        assertEquals(0, p.waitFor());
        Run r = spfs("commit", "--path", d.toString(), "-t", "latin1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not valid UTF-8") && r.err().contains(d.toString()), r.err());
        assertEquals(1, spfs("ls", "latin1").exit(), "nothing was tagged");
    }

    @Test
    void aCorruptManifestIsReportedWithItsDigestNotAsAnInternalError() throws Exception {
        commit("good");
        Digest manifest = manifestOf("good");
        Path file = local().objectPath(manifest);
        byte[] bytes = Files.readAllBytes(file);
        // past the header, keep the FlatBuffers frame but break the tree digests
        for (int i = bytes.length - 40; i < bytes.length - 8; i++) {
            bytes[i] ^= 0x5a;
        }
        file.toFile().setWritable(true);
        Files.write(file, bytes);
        for (List<String> args : List.of(List.of("ls", "-R", "good"), List.of("render", "good", tmp.resolve("out").toString()),
                List.of("info", manifest.toString()))) {
            Run r = spfs(args.toArray(String[]::new));
            if (r.exit() == 0) {
                continue; // this command did not need the damaged part
            }
            assertTrue(r.exit() == 3 || r.exit() == 1, args + ": " + r.exit() + " " + r.err());
            assertTrue(r.err().contains(manifest.toString()) && r.err().contains("spfs check"), args + ": " + r.err());
        }
        assertEquals(3, spfs("ls", "-R", "good").exit());
    }

    @Test
    void checkReportsEachDamagedThingAndGoesOn() throws Exception {
        commit("ok");
        commit("other/ok2");
        Path tags = tmp.resolve("local/tags");
        // a tag path that is a directory, a tag file of garbage, and a blob whose size was flipped
        Files.createDirectories(tags.resolve("dir.tag"));
        Files.write(tags.resolve("garbage.tag"), new byte[] {0, 0, 0, 0, 0, 0, 0, 99, 1, 2, 3});
        FsRepository repo = local();
        Digest payload = Digest.of("content\n".getBytes());
        Path blob = repo.objectPath(payload);
        blob.toFile().setWritable(true);
        Files.write(blob, ObjectCodec.encode(new Blob(payload, 280L << 40, ObjectFormat.DEFAULT)));
        Run r = spfs("check");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("corrupt tag: tags/dir.tag: is a directory"), r.out());
        assertTrue(r.out().contains("corrupt tag: garbage: "), r.out());
        assertTrue(r.out().contains("corrupt object: " + payload + ": the blob records a size of 307863255777280 bytes"
                + " but its payload has 8"), r.out());
        assertTrue(r.out().contains("checked 2 tags"), "the good tags were still checked: " + r.out());
    }

    @Test
    void cleanCountsTheTempFilesItFrees() throws Exception {
        commit("kept");
        Path fan = Files.list(tmp.resolve("local/payloads")).filter(p -> p.getFileName().toString().length() == 2)
                .findFirst().orElseThrow();
        Path leftover = fan.resolve(".1234.tmp");
        Files.write(leftover, new byte[5000]);
        Path work = Files.createDirectories(tmp.resolve("local/objects/work"));
        Files.write(work.resolve("abc"), new byte[3000]);
        for (Path p : List.of(leftover, work.resolve("abc"))) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
        }
        Run dry = spfs("clean", "--dry-run");
        assertTrue(dry.out().contains("2 temp files; would free 7.8 KiB") || dry.out().contains("2 temp files; would free 8.0 KB")
                || dry.out().matches("(?s).*2 temp files; would free [0-9.]+ [kK]i?B.*"), dry.out());
        assertTrue(Files.exists(leftover));
        Run real = spfs("clean");
        assertTrue(real.out().matches("(?s)removed 0 objects.*2 temp files; freed [0-9.]+ [kK]i?B.*"), real.out());
        assertFalse(Files.exists(leftover));
        assertEquals(0, spfs("check").exit());
    }

    @Test
    void aSparseTarEntryIsRefusedWithoutExpandingIt() throws Exception {
        Path d = tmp.resolve("sparse");
        Files.createDirectories(d.resolve("objects"));
        Files.createDirectories(d.resolve("payloads"));
        try (var raf = new java.io.RandomAccessFile(d.resolve("payloads/hole").toFile(), "rw")) {
            raf.setLength(1L << 30);
        }
        Path archive = tmp.resolve("bomb.tar");
        Process p = new ProcessBuilder("tar", "--sparse", "-cf", archive.toString(), "-C", d.toString(), ".").start();
        assertEquals(0, p.waitFor());
        assertTrue(Files.size(archive) < 1 << 20, "the archive is small: " + Files.size(archive));
        Run r = spfs("ls-tags", "-r", "tar:" + archive);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("sparse"), r.err());
    }

    @Test
    void aPayloadReplacedByASymlinkIsCorruptAndNeverServed() throws Exception {
        Files.writeString(tmp.resolve("secret"), "secret\n");
        commit("victim");
        FsRepository repo = local();
        Digest payload = Digest.of("content\n".getBytes());
        Path file = repo.payloadPath(payload);
        Files.delete(file);
        Files.createSymbolicLink(file, tmp.resolve("secret"));
        Run read = spfs("read", "victim", "dir/file");
        assertEquals(3, read.exit(), read.out() + read.err());
        assertFalse(read.out().contains("secret"));
        assertTrue(read.err().contains("symlink"), read.err());
        Run render = spfs("render", "victim", tmp.resolve("out").toString());
        assertTrue(render.exit() != 0, render.out());
        assertFalse(Files.exists(tmp.resolve("out/dir/file")) && Files.readString(tmp.resolve("out/dir/file")).contains("secret"));
        Run check = spfs("check");
        assertEquals(1, check.exit());
        assertTrue(check.out().contains("corrupt payload: " + payload), check.out());
    }

    @Test
    void deeplyNestedYamlGivenToSpfsIsACleanError() throws Exception {
        Path spec = tmp.resolve("deep.spfs.yaml");
        Files.writeString(spec, "layers: " + "[".repeat(5000) + "\n");
        Run r = spfs("run", spec.toString(), "--", "true");
        assertEquals(2, r.exit(), r.err());
        assertEquals("error: cannot read spec file '" + spec + "': its collections nest too deeply\n", r.err());
        Run a = spfs("run", "-", "--annotation", "{a: ".repeat(3000), "--", "true");
        assertEquals(2, a.exit(), a.err());
        assertTrue(a.err().endsWith("...: its collections nest too deeply\n") && a.err().length() < 200, a.err());
    }
}
