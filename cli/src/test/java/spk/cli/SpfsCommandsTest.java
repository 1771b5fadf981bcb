package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.InProcessSpfs.Run;

/** The spfs subcommands end to end, each against a fresh local repository and an origin. */
class SpfsCommandsTest {
    @TempDir
    Path tmp;

    Map<String, String> env;

    @BeforeEach
    void setUp() {
        env = Map.of("SPFS_STORAGE__ROOT", tmp.resolve("local").toString(),
                "SPFS_REMOTE_origin_ADDRESS", "file:" + tmp.resolve("origin") + "?create=true",
                "HOME", tmp.toString(), "SPFS_USER__NAME", "tester", "SPFS_USER__DOMAIN", "example");
    }

    Run spfs(String... args) {
        return InProcessSpfs.run(env, args);
    }

    Path tree() throws Exception {
        Path d = tmp.resolve("src");
        Files.createDirectories(d.resolve("etc"));
        Files.writeString(d.resolve("etc/config"), "a=1\n");
        Files.writeString(d.resolve("hello"), "hello world\n");
        return d;
    }

    String created(Run r) {
        assertEquals(0, r.exit(), r.err());
        return r.out().lines().filter(l -> l.startsWith("created: ")).findFirst().orElseThrow().substring(9);
    }

    @Test
    void commitTagLogLsReadInfoDiff() throws Exception {
        String layer = created(spfs("commit", "--path", tree().toString(), "-t", "test/first"));
        assertTrue(spfs("tags").out().contains("test/first"));
        assertEquals(0, spfs("ls", "test/first").exit());
        assertEquals("etc/\nhello\n", spfs("ls", "test/first").out());
        assertTrue(spfs("ls", "-R", layer.substring(0, 8)).out().contains("etc/config"));
        assertTrue(spfs("info", "test/first").out().startsWith("layer:"));
        assertTrue(spfs("layers").out().contains(layer));

        Files.writeString(tmp.resolve("src/hello"), "changed\n");
        created(spfs("commit", "--path", tmp.resolve("src").toString(), "-t", "test/first"));
        assertEquals("~ /hello {!content!}\n", spfs("diff", "test/first~1", "test/first").out());
        String log = spfs("log", "test/first").out();
        assertTrue(log.contains("test/first ") && log.contains("test/first~1 ") && log.contains(" tester "), log);

        assertEquals(0, spfs("untag", "test/first~1").exit());
        assertEquals(1, spfs("log", "test/first").out().lines().count());
        assertEquals(2, spfs("untag", "test/first").exit(), "which version must be said");
        assertEquals(0, spfs("untag", "test/first", "--all").exit());
        assertFalse(spfs("tags").out().contains("test/first"));
    }

    @Test
    void writeAndRead() throws Exception {
        Path f = tmp.resolve("f.txt");
        Files.writeString(f, "hello world\n");
        Run w = spfs("write", "-f", f.toString(), "-t", "blob");
        assertEquals("created: VFEJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====\n", w.out());
        assertTrue(Files.isRegularFile(tmp.resolve("local/payloads/VF/EJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====")));
        assertTrue(spfs("info", "blob").out().contains("size: 12"));
    }

    @Test
    void badInputIsOneClearLineAndChangesNothing() throws Exception {
        Run missing = spfs("ls", "no-such-tag");
        assertEquals(1, missing.exit());
        assertEquals("error: unknown reference 'no-such-tag'\n", missing.err());
        Run badTag = spfs("commit", "--path", tree().toString(), "-t", "../escape");
        assertEquals(2, badTag.exit());
        assertTrue(badTag.err().startsWith("error: invalid tag '../escape'"), badTag.err());
        assertFalse(Files.exists(tmp.resolve("local/objects")) && Files.list(tmp.resolve("local/objects")).anyMatch(p -> !p.endsWith("work")),
                "a rejected tag stops the commit before anything is written");
        Run badDigest = spfs("info", "a b");
        assertEquals(2, badDigest.exit(), badDigest.err());
        assertFalse(badDigest.err().contains("\tat "));
    }

    @Test
    void pushPullAndRender() throws Exception {
        created(spfs("commit", "--path", tree().toString(), "-t", "shared"));
        Run push = spfs("push", "shared");
        assertEquals(0, push.exit(), push.err());
        assertTrue(push.out().contains("synced 1 tags"), push.out());
        assertTrue(spfs("tags", "-r", "origin").out().contains("shared"));

        // a second local repository pulls it back
        env = new java.util.HashMap<>(env);
        env.put("SPFS_STORAGE__ROOT", tmp.resolve("other").toString());
        Run pull = spfs("pull", "shared");
        assertEquals(0, pull.exit(), pull.err());
        Path out = tmp.resolve("rendered");
        Run render = spfs("render", "shared", out.toString());
        assertEquals(0, render.exit(), render.err());
        assertTrue(render.out().contains("render_summary"), render.out());
        assertEquals("hello world\n", Files.readString(out.resolve("hello")));
        assertEquals(2, spfs("render", "shared", out.toString()).exit(), "target must be empty");
        Run tar = spfs("push", "--to", "tar:" + tmp.resolve("export.tar"), "shared");
        assertEquals(0, tar.exit(), tar.err());
        assertTrue(spfs("tags", "-r", "tar:" + tmp.resolve("export.tar")).out().contains("shared"));
    }

    @Test
    void checkFindsAFlippedByteAndPullRepairsIt() throws Exception {
        created(spfs("commit", "--path", tree().toString(), "-t", "t"));
        assertEquals(0, spfs("push", "t").exit());
        assertEquals(0, spfs("check").exit());
        Path payload = tmp.resolve("local/payloads/VF/EJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====");
        byte[] b = Files.readAllBytes(payload);
        b[3] ^= 1;
        Files.setAttribute(payload, "unix:mode", 0644);
        Files.write(payload, b);
        Run bad = spfs("check");
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains("corrupt payload: VFEJATZP"), bad.out());
        Run fix = spfs("check", "--pull");
        assertEquals(0, fix.exit(), fix.out() + fix.err());
        assertTrue(fix.out().contains("repaired corrupt payload"), fix.out());
        assertEquals(0, spfs("check").exit());
    }

    @Test
    void checkPullRestoresAMissingObject() throws Exception {
        String layer = created(spfs("commit", "--path", tree().toString(), "-t", "t"));
        assertEquals(0, spfs("push", "t").exit());
        Path obj = tmp.resolve("local/objects/" + layer.substring(0, 2) + "/" + layer.substring(2));
        Files.delete(obj);
        Run bad = spfs("check");
        assertEquals(1, bad.exit());
        assertTrue(bad.out().contains("missing object: " + layer), bad.out());
        assertEquals(0, spfs("check", "--pull", "origin").exit());
        assertTrue(Files.exists(obj));
    }

    @Test
    void legacyFormatsFromConfigAreWrittenAndRead() throws Exception {
        env = new java.util.HashMap<>(env);
        env.put("SPFS_STORAGE__DIGEST_STRATEGY", "Legacy");
        env.put("SPFS_STORAGE__ENCODING_FORMAT", "Legacy");
        String layer = created(spfs("commit", "--path", tree().toString(), "-t", "old"));
        byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(
                tmp.resolve("local/objects/" + layer.substring(0, 2) + "/" + layer.substring(2))), 17);
        assertEquals("--SPFS--\n", new String(header, 0, 9, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("[0, 0, 0, 0, 0, 0, 0, 2]", java.util.Arrays.toString(java.util.Arrays.copyOfRange(header, 9, 17)),
                "the old header: a big-endian u64 kind (layer)");
        env.remove("SPFS_STORAGE__DIGEST_STRATEGY");
        env.remove("SPFS_STORAGE__ENCODING_FORMAT");
        assertEquals("etc/\nhello\n", spfs("ls", "old").out(), "legacy objects stay readable");
        assertEquals(0, spfs("check").exit());
    }

    @Test
    void cleanRemovesOnlyWhatNoTagReaches() throws Exception {
        created(spfs("commit", "--path", tree().toString(), "-t", "keep"));
        Path other = tmp.resolve("other-src");
        Files.createDirectories(other);
        Files.writeString(other.resolve("junk"), "junk\n");
        created(spfs("commit", "--path", other.toString()));
        Run young = spfs("clean");
        assertTrue(young.out().startsWith("removed 0 objects"), young.out());
        Run dry = spfs("clean", "--dry-run", "--min-age", "0s");
        assertTrue(dry.out().startsWith("would remove 3 objects, 1 payloads"), dry.out());
        Run real = spfs("clean", "--min-age", "0s");
        assertTrue(real.out().startsWith("removed 3 objects, 1 payloads"), real.out());
        assertEquals(0, spfs("check").exit());
        assertEquals("etc/\nhello\n", spfs("ls", "keep").out());
    }

    @Test
    void renderReportsThePathAndEveryCountAsJson() throws Exception {
        Path src = tree();
        Files.createSymbolicLink(src.resolve("link"), Path.of("hello"));
        created(spfs("commit", "--path", src.toString(), "-t", "j"));
        // a path that needs escaping in JSON
        Path out = tmp.resolve("out \"q\" \\ dir");
        Run r = spfs("render", "--strategy", "HardLink", "j", out.toString());
        assertEquals(0, r.exit(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals(out.toAbsolutePath().toString(), json.path("paths_rendered").path(0).asText(), r.out());
        var sum = json.path("render_summary");
        java.util.List<String> names = new java.util.ArrayList<>();
        sum.fieldNames().forEachRemaining(names::add);
        assertEquals(java.util.List.of("entries", "linked", "alreadyExisted", "copied", "copiedLinkLimit", "symlinks",
                "directories", "bytes"), names, r.out());
        assertEquals(4, sum.path("entries").asLong(), r.out());
        assertEquals(2, sum.path("linked").asLong(), r.out());
        assertEquals(1, sum.path("symlinks").asLong(), r.out());
        assertEquals(1, sum.path("directories").asLong(), r.out());
        assertEquals(16, sum.path("bytes").asLong(), r.out());
        assertEquals("hello world\n", Files.readString(out.resolve("link")));
    }

    @Test
    void renderIntoTheRepositoryAndCleanItAway() throws Exception {
        String layer = created(spfs("commit", "--path", tree().toString(), "-t", "r"));
        Run r = spfs("render", "r");
        assertEquals(0, r.exit(), r.err());
        String path = r.out().replaceAll("(?s).*\"paths_rendered\":\\[\"([^\"]+)\".*", "$1");
        assertTrue(path.contains("/renders/"), r.out());
        assertEquals("hello world\n", Files.readString(Path.of(path, "hello")));
        assertEquals(0, spfs("untag", "r", "--all").exit());
        Run clean = spfs("clean", "--min-age", "0s");
        assertTrue(clean.out().contains("1 renders"), clean.out());
        assertFalse(Files.exists(Path.of(path)));
        assertFalse(layer.isEmpty());
    }

    @Test
    void lsTagsAndSearch() throws Exception {
        created(spfs("commit", "--path", tree().toString(), "-t", "team/app/v1", "-t", "team/lib", "-t", "top"));
        assertEquals("team/\ntop\n", spfs("ls-tags").out());
        assertEquals("app/\nlib\n", spfs("ls-tags", "team").out());
        assertEquals("team/\nteam/app/\nteam/app/v1\nteam/lib\ntop\n", spfs("ls-tags", "-R").out());
        assertEquals(0, spfs("push", "team/lib").exit());
        assertEquals("team/app/v1\nteam/lib\n", spfs("search", "team").out());
    }

    @Test
    void configShowsTheRootFromTheEnvironment() {
        Run r = spfs("config");
        assertTrue(r.out().contains(tmp.resolve("local").toString()), r.out());
        assertTrue(r.out().contains("origin"), r.out());
    }
}
