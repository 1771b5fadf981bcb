package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;
import spk.grammar.ident.Component;
import spk.spec.SpecLoader;
import spk.storage.SpfsPackageRepository;

/**
 * {@code spfs server} as users run it, a child process on loopback: spk publishes to an origin
 * that is a server and enters environments from it; a server killed in the middle of an upload
 * leaves nothing half-written, the client says so in one line and a retry succeeds.
 */
@Timeout(600)
class SpfsServerTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;
    Path origin;

    @BeforeEach
    void setUp() throws IOException {
        h = new RuntimeHarness(tmp);
        origin = tmp.resolve("origin");
        FsRepository.create(origin, Optional.empty());
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    Digest layer(FsRepository spfs, String name, String file, String text) throws Exception {
        return h.layer(spfs, name, file, text);
    }

    /** spk with origin = the server, and a local repository of its own. */
    RuntimeHarness.Result spk(String address, Path local, String... args) throws Exception {
        ProcessBuilder pb = h.spkBuilder(List.of(), args);
        pb.environment().put("SPFS_REMOTE_origin_ADDRESS", address);
        pb.environment().put("SPFS_STORAGE__ROOT", local.toString());
        return h.run(pb);
    }

    RuntimeHarness.Result spfs(Path local, String... args) throws Exception {
        ProcessBuilder pb = h.builder(args);
        pb.environment().put("SPFS_STORAGE__ROOT", local.toString());
        return h.run(pb);
    }

    @Test
    void spkPublishesToAServerAndEntersEnvironmentsFromIt() throws Exception {
        Path builder = tmp.resolve("builder-local");
        FsRepository spfs = FsRepository.create(builder, Optional.empty());
        SpfsPackageRepository packages = new SpfsPackageRepository("local", spfs, new SpecLoader("0.44.0", Map.of()));
        packages.publish("api: v0/package\npkg: hello/1.2.0/AAAAAAAA\n",
                Map.of(Component.RUN, layer(spfs, "hello", "bin/hello", "#!/bin/sh\necho hello from the server\n")),
                ObjectFormat.DEFAULT, "test");
        Digest greeter = layer(spfs, "greeter", "bin/greet", "#!/bin/sh\n/spfs/bin/hello; echo and greeter\n");
        packages.publish("api: v0/package\npkg: greeter/1.0.0/BBBBBBBB\ninstall:\n  requirements: [{pkg: hello/1.2}]\n",
                Map.of(Component.RUN, greeter), ObjectFormat.DEFAULT, "test");
        try (ServerProcess server = ServerProcess.start(h, origin)) {
            RuntimeHarness.Result pub = spk(server.address, builder, "publish", "hello", "greeter");
            assertEquals(0, pub.exit(), pub.toString());
            assertEquals("published hello to origin: 3 tags, 2 payloads copied\n"
                    + "published greeter to origin: 3 tags, 2 payloads copied\n", pub.out());
            assertEquals(greeter, FsRepository.open(origin, Optional.empty())
                    .resolveTag(TagSpec.parse("spk/pkg/greeter/1.0.0/BBBBBBBB/run")).target());

            Path user = tmp.resolve("user-local");
            RuntimeHarness.Result ls = spk(server.address, user, "ls");
            assertEquals("greeter\nhello\n", ls.out(), ls.toString());
            RuntimeHarness.Result past = spk(server.address, user, "ls", "--no-local-repo", "-r", "origin@2000-01-01");
            assertEquals("", past.out(), "a pinned view of the server shows what it had then: " + past);
            RuntimeHarness.Result byAddress = spk(server.address, user, "ls", "--no-local-repo", "--disable-repo", "origin",
                    "-r", server.address);
            assertEquals("greeter\nhello\n", byAddress.out(), "-r takes the server's address: " + byAddress);
            RuntimeHarness.Result files = spfs(user, "ls", "-r", server.address, "spk/pkg/hello/1.2.0/AAAAAAAA/run");
            assertEquals("bin/\n", files.out(), files.toString());

            RuntimeHarness.assumeOverlayFs();
            RuntimeHarness.Result env = spk(server.address, user, "env", "--no-host", "greeter", "--", "/spfs/bin/greet");
            assertEquals(0, env.exit(), env.toString());
            assertEquals("hello from the server\nand greeter\n", env.out());
            assertTrue(RuntimeHarness.awaitNoRuntimes(user));
            assertTrue(FsRepository.open(user, Optional.empty()).hasObject(greeter),
                    "the layers were copied into the user's local repository");
        }
        assertEquals(0, spfs(origin, "check").exit(), "the server's repository is intact");
    }

    @Test
    void aServerKilledDuringAnUploadLeavesNothingPartialAndARetrySucceeds() throws Exception {
        Path local = tmp.resolve("local");
        FsRepository repo = FsRepository.create(local, Optional.empty());
        Path big = tmp.resolve("src-big/data");
        Files.createDirectories(big.getParent());
        Random random = new Random(1);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 192; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Digest layer = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(big.getParent()).layer().digest();
        repo.pushTag(TagSpec.parse("big"), layer, "me");

        try (ServerProcess server = ServerProcess.start(h, origin)) {
            ProcessBuilder pb = h.builder("push", "big", "--to", server.address);
            pb.environment().put("SPFS_STORAGE__ROOT", local.toString());
            Process push = pb.redirectOutput(tmp.resolve("push.out").toFile()).redirectError(tmp.resolve("push.err").toFile())
                    .start();
            push.getOutputStream().close();
            // once the upload is under way (a temp file growing on the server's side), the server dies
            boolean killed = false;
            for (int i = 0; i < 12_000 && push.isAlive(); i++) {
                if (uploading(origin)) {
                    server.kill();
                    killed = true;
                    break;
                }
                Thread.sleep(5);
            }
            assertTrue(killed, "the upload was seen under way (push ended first: exit "
                    + (push.isAlive() ? "-" : push.exitValue()) + ")");
            assertTrue(push.waitFor(120, TimeUnit.SECONDS), "the client gives up once the server is gone");
            String err = Files.readString(tmp.resolve("push.err"));
            assertEquals(3, push.exitValue(), err);
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertTrue(err.startsWith("error: ") && err.contains("127.0.0.1"), err);
        }
        FsRepository after = FsRepository.open(origin, Optional.empty());
        try (Stream<Digest> payloads = after.payloadDigests()) {
            assertEquals(List.of(), payloads.toList(), "no payload, partial or whole, is visible");
        }
        assertFalse(after.hasObject(layer));
        assertEquals(List.of(), after.readTagStream(TagSpec.parse("big")));
        RuntimeHarness.Result check = spfs(origin, "check");
        assertEquals(0, check.exit(), check.toString());

        try (ServerProcess again = ServerProcess.start(h, origin)) {
            RuntimeHarness.Result retry = spfs(local, "push", "big", "--to", again.address);
            assertEquals(0, retry.exit(), retry.toString());
        }
        assertEquals(layer, FsRepository.open(origin, Optional.empty()).resolveTag(TagSpec.parse("big")).target());
        assertEquals(0, spfs(origin, "check").exit());
    }

    @Test
    void proxiesPinnedViewsAndFallbacksThroughAServerFromTheCommandLine() throws Exception {
        Path archive = tmp.resolve("archive");
        FsRepository arch = FsRepository.create(archive, Optional.empty());
        Digest old = layer(arch, "old", "share/old.txt", "from the archive\n");
        arch.pushTag(TagSpec.parse("old"), old, "me");
        FsRepository orig = FsRepository.open(origin, Optional.empty());
        Digest fresh = layer(orig, "fresh", "share/fresh.txt", "from origin\n");
        orig.pushTag(TagSpec.parse("fresh"), fresh, "me");
        String proxy = "proxy:?primary=" + origin + "&secondary[0]=" + archive;
        Path user = tmp.resolve("user");
        try (ServerProcess server = ServerProcess.start(h, tmp.resolve("not-served"), "--remote", proxy)) {
            // one server, two folders behind it: the archive's tag through the proxy it serves
            RuntimeHarness.Result tags = spfs(user, "ls-tags", "-r", server.address);
            assertEquals("fresh\nold\n", tags.out(), tags.toString());
            RuntimeHarness.Result pull = spfs(user, "pull", "--from", server.address, "old", "fresh");
            assertEquals(0, pull.exit(), pull.toString());
            FsRepository mine = FsRepository.open(user, Optional.empty());
            assertEquals(old, mine.resolveTag(TagSpec.parse("old")).target());
            assertEquals(0, spfs(user, "check").exit());

            // pinned: before the tags were made there were none, and a view of the past is read-only
            RuntimeHarness.Result past = spfs(user, "ls-tags", "-r", server.address + "?when=@2000-01-01");
            assertEquals(0, past.exit(), past.toString());
            assertEquals("", past.out(), past.toString());
            RuntimeHarness.Result refused = spfs(user, "tag", "-r", server.address + "?when=~1m", fresh.toString(), "again");
            assertEquals(2, refused.exit(), refused.toString());
            assertEquals(1, refused.err().lines().count(), refused.err());
            assertTrue(refused.err().contains("it is viewed as it was at ~1m"), refused.err());

            // fallback: a cache folder in front of the server, repaired as it is read
            Path cache = tmp.resolve("cache");
            FsRepository.create(cache, Optional.empty());
            RuntimeHarness.Result ls = spfs(user, "ls", "-r", "fallback:?primary=" + cache + "&secondary[0]=" + server.address,
                    "old");
            assertEquals("share/\n", ls.out(), ls.toString());
            assertTrue(FsRepository.open(cache, Optional.empty()).hasObject(old), "the layer was copied into the cache");

            // on a terminal, a pull draws a bar of the payloads it copies; off one, nothing
            Path second = tmp.resolve("second");
            ProcessBuilder pb = h.builder("pull", "--from", server.address, "old", "fresh");
            pb.environment().put("SPFS_STORAGE__ROOT", second.toString());
            pb.command("script", "-qec", String.join(" ", pb.command().stream().map(a -> "'" + a + "'").toList()),
                    "/dev/null");
            RuntimeHarness.Result onTerminal = h.run(pb);
            assertEquals(0, onTerminal.exit(), onTerminal.toString());
            assertTrue(onTerminal.out().contains("100%") && onTerminal.out().contains("2/2"), onTerminal.out());
            assertFalse(pull.out().contains("%") || pull.err().contains("%"), pull.toString());
        }
    }

    @Test
    void clientsAreSentToThePayloadsRootForBytes() throws Exception {
        FsRepository orig = FsRepository.open(origin, Optional.empty());
        Digest layer = layer(orig, "served", "share/file.txt", "bytes over http\n");
        orig.pushTag(TagSpec.parse("served"), layer, "me");
        int unused;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            unused = s.getLocalPort();
        }
        String root = "http://127.0.0.1:" + unused + "/payloads";
        try (ServerProcess server = ServerProcess.start(h, origin, "--payloads-root", root)) {
            assertTrue(server.banner.contains("(payloads: " + root + ","), server.banner);
            // objects and tags come over gRPC; the bytes from where the root says, here nowhere
            RuntimeHarness.Result tags = spfs(tmp.resolve("user"), "ls-tags", "-r", server.address);
            assertEquals("served\n", tags.out(), tags.toString());
            RuntimeHarness.Result pull = spfs(tmp.resolve("user"), "pull", "--from", server.address, "served");
            assertEquals(3, pull.exit(), pull.toString());
            assertEquals(1, pull.err().lines().count(), pull.err());
            assertTrue(pull.err().startsWith("error: ") && pull.err().contains(root + "/"), pull.err());
        }
    }

    /** A temp file with data in the server's payloads/work: an upload is being written. */
    private static boolean uploading(Path repo) throws IOException {
        Path work = repo.resolve("payloads/work");
        if (!Files.isDirectory(work)) {
            return false;
        }
        try (Stream<Path> files = Files.list(work)) {
            return files.anyMatch(f -> {
                try {
                    return Files.size(f) > (1 << 20);
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void theServerCommandLineSaysWhatIsWrongInOneLine() throws Exception {
        RuntimeHarness.Result bad = h.run("server", "nowhere");
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals("error: invalid GRPC_ADDR 'nowhere': expected HOST:PORT, e.g. 127.0.0.1:7737\n", bad.err());
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            RuntimeHarness.Result busy = h.run("server", "127.0.0.1:" + taken.getLocalPort(), "127.0.0.1:0");
            assertEquals(3, busy.exit(), busy.toString());
            assertTrue(busy.err().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "), busy.err());
            assertEquals(1, busy.err().lines().count(), busy.err());
        }
        RuntimeHarness.Result root = h.run("server", "--payloads-root", "ftp://x", "127.0.0.1:0", "127.0.0.1:0");
        assertEquals(2, root.exit(), root.toString());
    }
}
