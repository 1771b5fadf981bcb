package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;

/**
 * spk make-source, make-binary and build (--here, -i, -e) and publish of source packages and
 * recipes, for real: spfs repositories, runtimes and the host's tools.
 */
class SpkSourcePackagesTest {
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

    RuntimeHarness.Result spk(String... args) throws Exception {
        return h.spk(args);
    }

    static void ok(RuntimeHarness.Result r) {
        assertEquals(0, r.exit(), r.toString());
    }

    /** A recipe folder: sources in src/ (one of them ignored by git), a script source, and the recipe. */
    Path demo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("demo/src"));
        Files.writeString(dir.resolve("data.txt"), "first\n");
        Files.writeString(dir.resolve("scratch.log"), "ignored\n");
        Files.writeString(dir.resolve(".gitignore"), "*.log\n");
        Path recipe = tmp.resolve("demo/demo.spk.yaml");
        Files.writeString(recipe, """
                pkg: demo/1.0.0
                sources:
                  - path: ./src
                  - script:
                      - echo "made for $SPK_PKG_NAME" > made.txt
                      - touch /spfs/%s
                      - test -f /spfs/%s
                build:
                  script:
                    - pwd > $PREFIX/built-in
                    - test ! -e scratch.log
                    - mkdir -p $PREFIX/share
                    - cp data.txt made.txt $PREFIX/share/
                    - touch build-products.o
                """.formatted(leak(), leak()));
        return recipe;
    }

    /** A file name the demo's source script writes in /spfs: inside its runtime, never on the host. */
    String leak() {
        return "leaked-by-" + tmp.getFileName();
    }

    @Test
    void makeSourcePublishesTheSourcesWhichMakeBinaryBuildsFrom() throws Exception {
        Path recipe = demo();
        RuntimeHarness.Result src = spk("mks", recipe.toString());
        ok(src);
        assertFalse(Files.exists(Path.of("/spfs", leak())), "a source script runs in a runtime of its own");
        assertEquals("built demo/1.0.0/src [src]\n", src.out());
        assertFalse(src.err().contains("make-source demo"), "no progress drawn when not on a terminal: " + src.err());

        FsRepository local = FsRepository.open(h.repo, Optional.empty());
        DirNode files = Layering.mergedTree(local, local.resolveTag(TagSpec.parse("spk/pkg/demo/1.0.0/src/src")).target());
        DirNode srcDir = (DirNode) Layering.lookup(files, "spk/pkg/demo/1.0.0/src").orElseThrow();
        assertEquals("[.gitignore, data.txt, made.txt]", srcDir.children().keySet().toString());
        String srcSpec;
        try (var in = local.openPayload(local.resolveTag(TagSpec.parse("spk/spec/demo/1.0.0/src")).target())) {
            srcSpec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(srcSpec.contains(tmp.resolve("demo/src").toString()), "local sources recorded absolute: " + srcSpec);
        assertTrue(local.lsTags("spk/spec/demo").stream().anyMatch(l -> l.name().equals("1.0.0")),
                "the recipe is published beside its builds");

        // the binary is built from the source package, not from the folder (changed since)
        Files.writeString(tmp.resolve("demo/src/data.txt"), "second\n");
        RuntimeHarness.Result bin = spk("mkb", recipe.toString());
        ok(bin);
        assertTrue(bin.out().matches("built demo/1\\.0\\.0/[A-Z0-9]{8} \\[build, run\\]\n"), bin.out());
        RuntimeHarness.Result env = spk("env", "demo", "--", "sh", "-c",
                "cat /spfs/built-in /spfs/share/data.txt /spfs/share/made.txt; ls /spfs/spk/pkg/demo/1.0.0");
        ok(env);
        // the script ran in the sources; what it left there is not part of the package
        String digest = bin.out().substring("built demo/1.0.0/".length(), "built demo/1.0.0/".length() + 8);
        assertEquals("/spfs/spk/pkg/demo/1.0.0/src\nfirst\nmade for demo\n" + digest + "\n", env.out(),
                "no sources in the binary package, only its metadata");

        // by name: the published recipe, with the source package already there
        RuntimeHarness.Result byName = spk("make-binary", "demo/1.0.0");
        ok(byName);
        assertEquals(bin.out(), byName.out(), "the same build again");

        // a recipe published by make-source alone is a from-source candidate
        Path later = tmp.resolve("later.spk.yaml");
        Files.writeString(later, "pkg: later/2.0.0\nsources: []\nbuild: {script: [touch $PREFIX/later]}\n");
        ok(spk("make-source", later.toString()));
        RuntimeHarness.Result explain = spk("explain", "--allow-builds", "later");
        ok(explain);
        assertTrue(explain.out().contains("later/2.0.0") && explain.out().contains("build-from-source"), explain.out());
        RuntimeHarness.Result binaryOnly = spk("explain", "later");
        assertEquals(1, binaryOnly.exit(), binaryOnly.toString());
    }

    @Test
    void makeBinaryWithoutItsSourcePackageSaysHowToMakeIt() throws Exception {
        Path recipe = demo();
        RuntimeHarness.Result r = spk("make-binary", recipe.toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: the source package demo/1.0.0/src is not in [local] (make it first with spk make-source, "
                + "or build from a folder with --here)\n", r.err());
        Path choosy = tmp.resolve("choosy.spk.yaml");
        Files.writeString(choosy, "pkg: choosy/1.0.0\nbuild:\n  options: [{var: style/plain, choices: [plain, box]}]\n");
        RuntimeHarness.Result bad = spk("make-binary", "--here", choosy.toString(), "-o", "style=huge");
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals("error: choosy/1.0.0: invalid value 'huge' for option 'style', must be one of [plain, box]\n",
                bad.err());
        RuntimeHarness.Result none = spk("make-binary", "nothing/1.0");
        assertEquals(1, none.exit(), none.toString());
        assertTrue(none.err().startsWith("error: no recipe of nothing/1.0 in [local]"), none.err());
    }

    @Test
    void buildHereInteractiveAndEnv() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(work.resolve("here.txt"), "from the folder\n");
        Path recipe = tmp.resolve("local.spk.yaml");
        Files.writeString(recipe, """
                pkg: here/1.0.0
                build:
                  script:
                    - mkdir -p $PREFIX/share
                    - cp here.txt $PREFIX/share/
                """);
        RuntimeHarness.Result here = h.spkWithInput(work, "", "build", "--here", recipe.toString());
        ok(here);
        assertFalse(here.out().contains("[src]"), "--here makes no source package: " + here.out());
        assertEquals("from the folder\n", spk("env", "here", "--", "cat", "/spfs/share/here.txt").out());

        // -i: a shell in the build environment instead of the script; exit 0 keeps what it installed
        RuntimeHarness.Result shell = h.spkWithInput(work, "test \"$PWD\" = " + work + "\necho typed > /spfs/typed.txt\nexit 0\n",
                "build", "--here", "-i", recipe.toString());
        ok(shell);
        assertTrue(shell.err().contains("Now entering an interactive build shell"), shell.err());
        assertEquals("typed\n", spk("env", "here", "--", "cat", "/spfs/typed.txt").out());
        RuntimeHarness.Result dropped = h.spkWithInput(work, "exit 3\n", "mkb", "--here", "-i", recipe.toString());
        assertEquals(1, dropped.exit(), dropped.toString());
        assertTrue(dropped.err().endsWith("failed: the shell exited with status 3\n"), dropped.err());

        // -e: build, then an environment with the new package
        RuntimeHarness.Result env = h.spkWithInput(work, "cat /spfs/share/here.txt\nexit 0\n", "build", "--here", "-e",
                recipe.toString());
        ok(env);
        assertTrue(env.out().endsWith("from the folder\n"), env.out());
        // and when the script fails, -e opens a shell where it left off; the build is not kept
        Path failing = tmp.resolve("failing.spk.yaml");
        Files.writeString(failing, "pkg: failing/1.0.0\nbuild:\n  script:\n    - echo partial > $PREFIX/partial\n"
                + "    - exit 7\n");
        RuntimeHarness.Result debug = h.spkWithInput(work, "cat /spfs/partial\nexit\n", "build", "--here", "-e",
                failing.toString());
        assertEquals(1, debug.exit(), debug.toString());
        assertEquals("partial\n", debug.out());
        assertTrue(debug.err().contains("The build script failed (exit 7); now entering a shell in its environment")
                && debug.err().endsWith("the script exited with status 7\n"), debug.err());
        assertEquals("", spk("ls", "failing/1.0.0").out());
        assertTrue(h.awaitNoRuntimes());
    }

    @Test
    void publishCopiesRecipesAndSourcePackagesUnlessNoSource() throws Exception {
        Path recipe = demo();
        ok(spk("build", recipe.toString()));
        Path origin = tmp.resolve("origin");
        FsRepository.create(origin, Optional.empty());
        RuntimeHarness.Result pub = spk("publish", "demo/1.0.0", "--no-source", "-r", origin.toString());
        ok(pub);
        FsRepository o = FsRepository.open(origin, Optional.empty());
        assertEquals("[1.0.0]", o.lsTags("spk/spec/demo").stream().filter(l -> !l.folder()).map(l -> l.name()).toList()
                .toString(), "the recipe");
        assertFalse(o.lsTags("spk/spec/demo/1.0.0").stream().anyMatch(l -> l.name().equals("src")), "no source package");
        ok(spk("publish", "demo", "-r", origin.toString()));
        assertTrue(o.lsTags("spk/pkg/demo/1.0.0").stream().anyMatch(l -> l.name().startsWith("src")),
                "now the source package too");
        assertEquals("", pub.err(), "no progress drawn when not on a terminal");

        // on a terminal (script(1) gives it one), publish draws its progress
        Path origin2 = tmp.resolve("origin2");
        FsRepository.create(origin2, Optional.empty());
        Path log = tmp.resolve("typescript");
        ProcessBuilder pb = h.builder("version");
        pb.command("script", "-qec", String.join(" ", spkCommand("publish", "demo", "-r", origin2.toString())),
                log.toString());
        RuntimeHarness.Result onTerminal = h.run(pb);
        ok(onTerminal);
        String seen = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(seen.contains("publish demo") && seen.contains("100%"), seen);
        // and so do builds: their steps, between which a script's output goes on its own lines
        pb.command("script", "-qec", String.join(" ", spkCommand("make-source", recipe.toString())), log.toString());
        ok(h.run(pb));
        seen = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(seen.contains("make-source demo/1.0.0") && seen.contains("collecting the sources of demo/1.0.0")
                && seen.contains("100%"), seen);
    }

    /** The command line of spk (this class path), quoted for a shell. */
    static java.util.List<String> spkCommand(String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(RuntimeHarness.java()));
        cmd.addAll(SpfsProcess.jvmOptions());
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), "spk.cli.spk.SpkMain"));
        cmd.addAll(java.util.List.of(args));
        return cmd.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList();
    }
}
