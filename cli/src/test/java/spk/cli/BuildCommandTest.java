package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spk build as a user starts it: from {@code spk new}, with no argument in the recipe's folder,
 * a build that installs nothing, and a build cut short (Ctrl-C, SIGTERM) leaving no scratch folders.
 */
class BuildCommandTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;

    @BeforeEach
    void setUp() throws Exception {
        RuntimeHarness.assumeOverlayFs();
        h = new RuntimeHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aNewRecipeBuildsByNameOrAsTheOneInItsFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("project"));
        RuntimeHarness.Result created = h.spkIn(dir, "new", "my-tool");
        assertEquals(0, created.exit(), created.toString());
        RuntimeHarness.Result built = h.spkIn(dir, "build", "my-tool.spk.yaml");
        assertEquals(0, built.exit(), built.toString());
        assertTrue(built.out().startsWith("built my-tool/0.1.0/"), built.out());
        RuntimeHarness.Result again = h.spkIn(dir, "build");
        assertEquals(0, again.exit(), again.toString());
        assertEquals(built.out(), again.out(), "without an argument, the one recipe of the folder");
        RuntimeHarness.Result run = h.spk("env", "my-tool", "--", "cat", "/spfs/share/my-tool/README");
        assertEquals("my-tool 0.1.0\n", run.out(), run.toString());

        Files.writeString(dir.resolve("other.spk.yaml"), "pkg: other/1.0.0\n");
        RuntimeHarness.Result two = h.spkIn(dir, "build");
        assertEquals(2, two.exit(), two.toString());
        assertEquals("error: " + dir.toRealPath() + ": several recipes here (my-tool.spk.yaml, other.spk.yaml); name the "
                + "one to use\n", two.err());
        RuntimeHarness.Result none = h.spkIn(Files.createDirectories(tmp.resolve("empty")), "build");
        assertEquals(2, none.exit(), none.toString());
        assertTrue(none.err().endsWith(": no recipe (*.spk.yaml) here; name the one to use\n"), none.err());
    }

    @Test
    void aBuildThatInstallsNothingSaysSo() throws Exception {
        Path recipe = tmp.resolve("nothing.spk.yaml");
        Files.writeString(recipe, "pkg: nothing/1.0.0\nsources: []\nbuild:\n  script: [echo nothing to install]\n");
        RuntimeHarness.Result r = h.spk("build", recipe.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().matches("(?s).*\nerror: spk::build::validation::empty_package: the build of nothing/1\\.0\\.0/\\w{8} "
                + "installed no files under /spfs \\(its script must install into \\$PREFIX, which is /spfs; an empty "
                + "package is allowed with '- allow: EmptyPackage'\\)\n"), r.err());
        assertTrue(!r.err().contains("nothing to commit"), r.err());
    }

    /** Scratch folders of spk build (its own java.io.tmpdir: others' builds run on this host too). */
    static List<Path> scratch(Path tmpdir) throws IOException {
        try (Stream<Path> s = Files.list(tmpdir)) {
            return s.filter(p -> p.getFileName().toString().matches("spk-(build|sources)-.*")).toList();
        }
    }

    @Test
    void aBuildCutShortLeavesNoScratchFolders() throws Exception {
        Path marker = tmp.resolve("started");
        Path recipe = tmp.resolve("slow.spk.yaml");
        Files.writeString(recipe, "pkg: slow/1.0.0\nsources: [{script: [touch src.txt]}]\nbuild:\n  script:\n"
                + "    - touch " + marker + "\n    - sleep 300\n");
        // the sources are in the source package by now (its staging folder gone): the script's work folder is left
        cutShort(recipe, marker, List.of("spk-build-"));
    }

    @Test
    void aSourceCollectionCutShortLeavesNoScratchFolders() throws Exception {
        Path marker = tmp.resolve("started");
        Path recipe = tmp.resolve("slow-sources.spk.yaml");
        Files.writeString(recipe, "pkg: slow-sources/1.0.0\nsources: [{script: [touch " + marker + ", sleep 300]}]\n"
                + "build:\n  script: [touch /spfs/x]\n");
        // the sources' staging folder, and the work folder of the runtime the source script runs in
        cutShort(recipe, marker, List.of("spk-build-", "spk-sources-"));
    }

    /** Builds {@code recipe}, signals spk once the marker appears (Ctrl-C, then SIGTERM), and checks what is left. */
    void cutShort(Path recipe, Path marker, List<String> whileRunning) throws Exception {
        // Ctrl-C signals the whole foreground process group; SIGTERM (a scheduler, kill) only spk itself
        for (String how : List.of("group-INT", "TERM")) {
            Path tmpdir = Files.createDirectories(tmp.resolve("tmp-" + how));
            Files.deleteIfExists(marker);
            ProcessBuilder pb = h.spkBuilder(List.of("-Djava.io.tmpdir=" + tmpdir), "build", recipe.toString());
            // its own process group, as a shell gives a foreground job, with Ctrl-C's default action: a
            // suite started in the background (nohup, &) has SIGINT ignored, and children inherit that
            pb.command().addAll(0, List.of("setsid", "env", "--default-signal=INT"));
            pb.redirectOutput(tmp.resolve("out-" + how).toFile()).redirectError(tmp.resolve("err-" + how).toFile());
            Process p = pb.start();
            assertTrue(RuntimeHarness.await(marker), how + ": the script did not start: "
                    + RuntimeHarness.readOr(tmp.resolve("err-" + how)));
            assertEquals(whileRunning, scratch(tmpdir).stream()
                    .map(d -> d.getFileName().toString().replaceFirst("-[0-9]+$", "-")).sorted().toList(),
                    how + ": " + scratch(tmpdir));
            String target = how.equals("TERM") ? Long.toString(p.pid()) : "-" + p.pid();
            new ProcessBuilder("kill", how.equals("TERM") ? "-TERM" : "-INT", "--", target).inheritIO().start().waitFor();
            RuntimeHarness.finish(p, "spk build, signalled");
            assertTrue(p.exitValue() != 0, how);
            assertEquals(List.of(), scratch(tmpdir), how + ": " + RuntimeHarness.readOr(tmp.resolve("err-" + how)));
        }
    }
}
