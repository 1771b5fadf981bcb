package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import spfs.storage.s3.HoldingRelay;
import spfs.storage.s3.S3ProxyExtension;
import spfs.storage.s3.S3ProxyServer;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;

/**
 * spfs and spk against an s3:// origin on a real S3-compatible server (S3Proxy on loopback), as
 * users run them: push, pull, check, clean, publish, env; and uploads cut off midway.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class S3RemoteTest {
    @RegisterExtension
    static final S3ProxyExtension proxy = new S3ProxyExtension();

    @TempDir
    Path tmp;

    /** A user's environment: their own local repository, origin on the proxy.server(), AWS credentials. */
    Map<String, String> env(String user, String origin) {
        Map<String, String> env = new HashMap<>(CommandLineTest.isolated(tmp.resolve(user)));
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(proxy.server().awsEnvironment());
        env.put("SPFS_REMOTE_origin_ADDRESS", origin);
        return env;
    }

    Path tree(String name, Map<String, byte[]> files) throws IOException {
        Path dir = tmp.resolve("src-" + name);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        return dir;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static InProcessSpfs.Run spfs(Map<String, String> env, String... args) {
        return InProcessSpfs.run(env, args);
    }

    @Test
    void pushPullCheckAndCleanWorkAgainstAnS3Origin() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Map<String, String> alice = env("alice", origin);
        Path src = tree("app", Map.of("bin/app", "#!/bin/sh\necho app\n".getBytes(StandardCharsets.UTF_8),
                "share/data", random(200_000, 1)));
        assertEquals(0, spfs(alice, "commit", "--path", src.toString(), "-t", "proj/app").exit());
        InProcessSpfs.Run push = spfs(alice, "push", "proj/app");
        assertEquals(0, push.exit(), push.toString());
        assertTrue(push.out().contains("2 payloads"), push.out());

        InProcessSpfs.Run tags = spfs(alice, "ls-tags", "-r", "origin", "proj");
        assertEquals("app\n", tags.out(), tags.toString());
        InProcessSpfs.Run check = spfs(alice, "check", "-r", origin);
        assertEquals(0, check.exit(), check.toString());
        assertTrue(check.out().contains("1 tags, ") && check.out().contains("0 problems"), check.out());

        Map<String, String> bob = env("bob", origin);
        InProcessSpfs.Run pull = spfs(bob, "pull", "proj/app");
        assertEquals(0, pull.exit(), pull.toString());
        assertEquals(0, spfs(bob, "check").exit());
        assertEquals(spfs(alice, "ls", "-R", "proj/app").out(), spfs(bob, "ls", "-R", "proj/app").out());

        // a second version by bob; alice's stays in the stream's history
        Path v2 = tree("app2", Map.of("bin/app", "#!/bin/sh\necho app 2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, spfs(bob, "commit", "--path", v2.toString(), "-t", "proj/app").exit());
        assertEquals(0, spfs(bob, "push", "proj/app").exit());
        assertEquals(2, spfs(alice, "log", "-r", "origin", "proj/app").out().lines().filter(l -> !l.isBlank()).count());

        // clean keeps what any version reaches; after untagging the old version its data goes
        InProcessSpfs.Run dry = spfs(alice, "clean", "-r", "origin", "--min-age", "0s", "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().startsWith("would remove 0 objects, 0 payloads"), dry.out());
        assertEquals(0, spfs(alice, "untag", "-r", "origin", "proj/app~1").exit());
        InProcessSpfs.Run clean = spfs(alice, "clean", "-r", "origin", "--min-age", "0s");
        assertEquals(0, clean.exit(), clean.toString());
        assertTrue(clean.out().matches("(?s)removed [1-9]\\d* objects, 2 payloads.*"), clean.out());
        InProcessSpfs.Run after = spfs(alice, "check", "-r", "origin");
        assertEquals(0, after.exit(), after.toString());
        assertEquals(0, spfs(env("carol", origin), "pull", "proj/app").exit(), "the newest version is whole");
    }

    @Test
    void eightClientsPushingOverlappingLayersAndOneTagAtOnceLoseNoVersion() throws Exception {
        String origin = proxy.freshRepository("spfs");
        int clients = 8;
        List<Path> locals = new java.util.ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Path local = tmp.resolve("client" + i).resolve("local");
            Map<String, String> env = env("client" + i, origin);
            // every layer shares two files with all the others and has one of its own
            Path src = tree("c" + i, Map.of("shared/a", random(300_000, 1), "shared/b", random(5_000, 2),
                    "own/f", ("client " + i + "\n").getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, spfs(env, "commit", "--path", src.toString(), "-t", "team/shared").exit());
            assertEquals(0, spfs(env, "tag", "team/shared", "team/own" + i).exit());
            locals.add(local);
        }
        List<Process> pushes = new java.util.ArrayList<>();
        for (int i = 0; i < clients; i++) {
            pushes.add(withServer(SpfsProcess.builder(locals.get(i), List.of(), "push", "team/shared", "team/own" + i,
                    "--to", origin)).start());
        }
        for (Process p : pushes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), out);
        }
        Map<String, String> reader = env("reader", origin);
        InProcessSpfs.Run log = spfs(reader, "log", "-r", "origin", "team/shared");
        assertEquals(clients, log.out().lines().filter(l -> !l.isBlank()).count(), "every client's version: " + log.out());
        InProcessSpfs.Run check = spfs(reader, "check", "-r", "origin");
        assertEquals(0, check.exit(), check.toString());
        // 16 tag versions (8 in the shared stream, each client's own); the shared files stored once
        assertTrue(check.out().contains(2 * clients + " tags, ") && check.out().contains(" " + (clients + 2) + " payloads"),
                check.out());
        for (int i = 0; i < clients; i++) {
            assertEquals(0, spfs(reader, "pull", "team/own" + i).exit());
        }
    }

    @Test
    void theStoreAndCredentialsComeFromTheRemotesSectionOfTheConfigFile() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Map<String, String> user = new HashMap<>(CommandLineTest.isolated(tmp.resolve("dave")));
        user.keySet().removeIf(k -> k.startsWith("AWS_"));
        Path config = tmp.resolve("dave/config/spfs/spfs.toml");
        Files.createDirectories(config.getParent());
        String section = "[remote.origin]\naddress = \"" + origin + "\"\nendpoint = \"" + proxy.server().endpoint() + "\"\n"
                + "region = \"eu-west-3\"\npath_style = true\naccess_key_id = \"" + S3ProxyServer.IDENTITY + "\"\n";
        Files.writeString(config, section + "secret_access_key = \"" + S3ProxyServer.CREDENTIAL + "\"\n");
        Path src = tree("cfg", Map.of("f", "from the config\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, spfs(user, "commit", "--path", src.toString(), "-t", "cfg/one").exit());
        InProcessSpfs.Run push = spfs(user, "push", "cfg/one");
        assertEquals(0, push.exit(), push.toString());
        assertEquals("one\n", spfs(user, "ls-tags", "-r", "origin", "cfg").out());
        // the variables still work for a user without the section, and see what the first pushed
        Map<String, String> other = env("erin", origin);
        assertEquals("one\n", spfs(other, "ls-tags", "-r", "origin", "cfg").out());

        // settings in the file win over the variables: a wrong secret there is used, and said so in one line
        user.putAll(proxy.server().awsEnvironment());
        Files.writeString(config, section + "secret_access_key = \"wrong\"\n");
        InProcessSpfs.Run denied = spfs(user, "ls-tags", "-r", "origin", "cfg");
        assertEquals(3, denied.exit(), denied.toString());
        assertEquals(1, denied.err().lines().count(), denied.err());
        assertTrue(denied.err().contains("access denied") && !denied.err().contains("wrong"), denied.err());

        // a misspelt setting is refused before anything is sent
        Files.writeString(config, section.replace("endpoint =", "endpont =") + "secret_access_key = \"x\"\n");
        InProcessSpfs.Run typo = spfs(user, "ls-tags", "-r", "origin");
        assertEquals(2, typo.exit(), typo.toString());
        assertTrue(typo.err().contains("unknown setting [endpont]"), typo.err());
    }

    @Test
    void spkPublishesToAnS3OriginAndReadsPackagesFromIt() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Map<String, String> env = env("packager", origin);
        Path recipe = tmp.resolve("hello.spk.yaml");
        Files.writeString(recipe, "pkg: hello/1.0.0\nbuild:\n  script:\n    - mkdir -p /spfs/bin\n"
                + "    - printf '#!/bin/sh\\necho hello\\n' > /spfs/bin/hello\n    - chmod +x /spfs/bin/hello\n");
        RuntimeHarness.assumeOverlayFs();
        try (RuntimeHarness h = new RuntimeHarness(tmp.resolve("harness"))) {
            ProcessBuilder build = h.spkBuilder(List.of(), "build", recipe.toString());
            build.environment().putAll(proxy.server().awsEnvironment());
            build.environment().put("SPFS_REMOTE_origin_ADDRESS", origin);
            RuntimeHarness.Result built = h.run(build);
            assertEquals(0, built.exit(), built.toString());
            ProcessBuilder publish = h.spkBuilder(List.of(), "publish", "hello");
            publish.environment().putAll(proxy.server().awsEnvironment());
            publish.environment().put("SPFS_REMOTE_origin_ADDRESS", origin);
            RuntimeHarness.Result published = h.run(publish);
            assertEquals(0, published.exit(), published.toString());
            assertTrue(published.out().contains("published hello to origin"), published.out());

            // another user, with nothing local: the package is found on the origin and run
            try (RuntimeHarness other = new RuntimeHarness(tmp.resolve("other"))) {
                ProcessBuilder run = other.spkBuilder(List.of(), "env", "--no-host", "-r", "origin", "hello", "--",
                        "/spfs/bin/hello");
                run.environment().putAll(proxy.server().awsEnvironment());
                run.environment().put("SPFS_REMOTE_origin_ADDRESS", origin);
                RuntimeHarness.Result ran = other.run(run);
                assertEquals(0, ran.exit(), ran.toString());
                assertEquals("hello\n", ran.out());
                assertTrue(other.awaitNoRuntimes());
            }
            assertTrue(h.awaitNoRuntimes());
        }
        InProcessSpfs.Run check = spfs(env, "check", "-r", "origin");
        assertEquals(0, check.exit(), check.toString());
    }

    @Test
    void anUploadCutOffByTheServerDyingLeavesNothingAndSucceedsOnRetry() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Path local = tmp.resolve("local");
        Path src = tree("big", Map.of("big.bin", random(48 << 20, 7)));
        assertEquals(0, SpfsProcess.run(local, List.of(), "commit", "--path", src.toString(), "-t", "big").exit());
        try (HoldingRelay relay = HoldingRelay.start(proxy.server().endpoint().getPort(), 16 << 20)) {
            Process push = withEndpoint(SpfsProcess.builder(local, List.of(), "push", "big", "--to", origin), relay.endpoint())
                    .start();
            assertTrue(relay.awaitHeld(240), "the upload began");
            proxy.server().kill();
            relay.cutAll();
            assertTrue(push.waitFor(5, TimeUnit.MINUTES));
            String out = new String(push.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, push.exitValue(), out);
            assertEquals(1, out.lines().count(), "one line, no stack: " + out);
            assertTrue(out.contains(origin) && out.contains(relay.endpoint().getAuthority()), out);
        } finally {
            proxy.server().restart();
        }
        assertNoPayloadVisible(local, origin);
        SpfsProcess.Result retry = run(local, "push", "big", "--to", origin);
        assertEquals(0, retry.exit(), retry.output());
        SpfsProcess.Result check = run(local, "check", "-r", origin);
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("1 tags, 3 objects, 1 payloads (48.0 MiB)"), check.output());
    }

    @Test
    void anUploadWhoseClientIsKilledLeavesNothingVisibleAndCleanAbortsItsParts() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Path local = tmp.resolve("local");
        Path src = tree("huge", Map.of("huge.bin", random(80 << 20, 8))); // above 64 MiB: uploaded in parts of 16
        assertEquals(0, SpfsProcess.run(local, List.of(), "commit", "--path", src.toString(), "-t", "huge").exit());
        try (HoldingRelay relay = HoldingRelay.start(proxy.server().endpoint().getPort(), 36 << 20)) {
            Process push = withEndpoint(SpfsProcess.builder(local, List.of(), "push", "huge", "--to", origin), relay.endpoint())
                    .start();
            assertTrue(relay.awaitHeld(240), "the upload began");
            push.destroyForcibly();
            assertTrue(push.waitFor(1, TimeUnit.MINUTES));
            relay.cutAll();
        }
        assertNoPayloadVisible(local, origin);
        SpfsProcess.Result check = run(local, "check", "-r", origin);
        assertEquals(0, check.exit(), "nothing half-written is reachable: " + check.output());
        SpfsProcess.Result retry = run(local, "push", "huge", "--to", origin);
        assertEquals(0, retry.exit(), retry.output());
        SpfsProcess.Result clean = run(local, "clean", "-r", origin, "--min-age", "0s");
        assertEquals(0, clean.exit(), clean.output());
        SpfsProcess.Result after = run(local, "check", "-r", origin);
        assertEquals(0, after.exit(), after.output());
        assertTrue(after.output().contains("1 tags, 3 objects, 1 payloads (80.0 MiB)"), after.output());
    }

    @Test
    void theS3ModuleIsLoadedOnlyByCommandsThatOpenAnS3Address() throws Exception {
        String origin = proxy.freshRepository("spfs");
        Path local = tmp.resolve("local");
        Path src = tree("small", Map.of("f", "x\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, SpfsProcess.run(local, List.of(), "commit", "--path", src.toString(), "-t", "small").exit());
        // as bin/spfs runs it: the module and the AWS SDK off the class path, in a path of their own
        List<String> main = new java.util.ArrayList<>();
        List<String> kinds = new java.util.ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            boolean s3 = entry.contains("/spfs-s3/") || entry.contains("/software/amazon/awssdk/")
                    || entry.contains("/httpcomponents/") || entry.contains("/reactivestreams/");
            (s3 ? kinds : main).add(entry);
        }
        assertTrue(kinds.size() > 10, kinds.toString());
        Path classes = tmp.resolve("classes.log");
        ProcessBuilder pb = withServer(SpfsProcess.builder(local, List.of("-Xlog:class+load=info:file=" + classes,
                "-D" + spfs.storage.RepositoryProviders.PROVIDER_PATH + "=" + String.join(java.io.File.pathSeparator, kinds)),
                "push", "small", "--to", origin));
        int cp = pb.command().indexOf("-cp");
        pb.command().set(cp + 1, String.join(java.io.File.pathSeparator, main));
        Process push = pb.start();
        String out = new String(push.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(push.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, push.exitValue(), out);
        assertTrue(Files.readString(classes).contains("software.amazon.awssdk.services.s3.S3Client "));

        // a command that opens no s3:// address loads none of it, though it is on the class path
        Path none = tmp.resolve("none.log");
        SpfsProcess.Result tags = SpfsProcess.run(local, List.of("-Xlog:class+load=info:file=" + none), "ls-tags");
        assertEquals(0, tags.exit(), tags.output());
        String loaded = Files.readString(none);
        assertFalse(loaded.contains("awssdk") || loaded.contains("spfs.storage.s3"), "no S3 class is loaded");
        assertTrue(loaded.contains("spfs.storage.Repositories "), "the log shows what was loaded");
    }

    /** A child spfs with the server's AWS variables. */
    static ProcessBuilder withServer(ProcessBuilder pb) {
        return withEndpoint(pb, proxy.server().endpoint());
    }

    /** A child spfs with the server's AWS variables, reaching it at {@code endpoint}. */
    static ProcessBuilder withEndpoint(ProcessBuilder pb, java.net.URI endpoint) {
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        pb.environment().putAll(proxy.server().awsEnvironment());
        pb.environment().put("AWS_ENDPOINT_URL", endpoint.toString());
        return pb.redirectErrorStream(true);
    }

    static SpfsProcess.Result run(Path local, String... args) throws Exception {
        Process p = withServer(SpfsProcess.builder(local, List.of(), args)).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), String.join(" ", args) + " did not finish");
        return new SpfsProcess.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Neither the local repository's payload nor anything else is stored as a payload on the origin. */
    static void assertNoPayloadVisible(Path local, String origin) throws Exception {
        spfs.config.Config config = spfs.config.ConfigLoader.load(Map.of("HOME", local.toString(), "SPFS_STORAGE_ROOT",
                local.toString(), "XDG_CONFIG_HOME", local.resolve("none").toString(), "AWS_ENDPOINT_URL",
                proxy.server().endpoint().toString(), "AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY, "AWS_SECRET_ACCESS_KEY",
                S3ProxyServer.CREDENTIAL));
        try (spfs.storage.Repository r = new spfs.storage.Repositories(config).open(origin);
                Stream<spfs.encoding.Digest> payloads = r.payloadDigests()) {
            assertEquals(List.of(), payloads.toList(), "no payload, whole or partial, is visible");
        }
    }
}
