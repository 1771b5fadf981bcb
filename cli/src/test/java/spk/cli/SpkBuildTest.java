package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.storage.fs.FsRepository;

/** spk build of our own recipes (packages/), for real, then spk env with what was built. */
class SpkBuildTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;
    static final Path PACKAGES = Path.of("..", "packages").toAbsolutePath().normalize();

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

    /** The binary builds a build reports (not its source package). */
    static long binaries(RuntimeHarness.Result r) {
        return r.out().lines().filter(l -> l.startsWith("built ") && !l.endsWith(" [src]")).count();
    }

    /**
     * Every recipe under packages/ builds from its sources with the host's tools (gcc, python3),
     * as SPK lays packages out; its packages work in environments (both variants of hello under
     * greeter, SPK's metadata in the layers), --variant builds one, publish copies them, and spk
     * test runs their test stages. One test, so each package is built once.
     */
    @Test
    void everyRecipeOfOurPackagesBuildsRunsAndPassesItsTests() throws Exception {
        RuntimeHarness.Result stdfs = spk("build", PACKAGES.resolve("stdfs/stdfs.spk.yaml").toString());
        assertEquals(0, stdfs.exit(), stdfs.toString());
        // as SPK's build: the source package first, then the binary one
        assertTrue(stdfs.out().startsWith("built stdfs/1.0.0/src [src]\nbuilt stdfs/1.0.0/"), stdfs.out());
        RuntimeHarness.Result hello = spk("build", PACKAGES.resolve("hello/hello.spk.yaml").toString());
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals(2, binaries(hello), "both variants: " + hello);
        for (String r : new String[] {"libgreet", "shout", "pygreet", "banner", "calc", "wordcount", "studio-platform"}) {
            RuntimeHarness.Result b = spk("build", PACKAGES.resolve(r + "/" + r + ".spk.yaml").toString());
            assertEquals(0, b.exit(), r + ": " + b);
        }
        RuntimeHarness.Result greeter = spk("build", PACKAGES.resolve("greeter/greeter.spk.yaml").toString(), "-o",
                "version=1.0.0");
        assertEquals(0, greeter.exit(), greeter.toString());
        FsRepository local = FsRepository.open(h.repo, Optional.empty());
        assertEquals(10, local.lsTags("spk/spec").size(), "ten packages: " + local.lsTags("spk/spec"));

        // published as SPK publishes: a spec blob and a layer per component
        assertEquals(3, local.lsTags("spk/pkg/hello/1.2.0").stream().filter(l -> l.folder()).count(),
                "a folder per build, the source package's among them");
        assertEquals(2, local.lsTags("spk/spec/greeter/1.0.0").size(), "the binary and source packages' specs");

        for (String[] c : new String[][] {{"hi", "hi from hello 1.2.0"}, {"hello", "hello from hello 1.2.0"}}) {
            RuntimeHarness.Result env = spk("env", "-r", h.repo.toString(), "greeter", "-o", "greeting=" + c[0], "--", "sh",
                    "-c", "greet; ls /spfs/bin");
            assertEquals(0, env.exit(), env.toString());
            // greet is found through stdfs's startup script, which puts /spfs/bin on PATH
            assertEquals(c[1] + "\ngreeter 1.0.0\ngreet\nhello\n", env.out());
        }
        // SPK's metadata of each build, in its layers
        RuntimeHarness.Result meta = spk("env", "greeter", "-o", "greeting=hi", "--", "sh", "-c",
                "cd /spfs/spk/pkg/hello/1.2.0/* && ls && grep -c 'pkg: hello/1.2.0/' spec.yaml && cat options.json");
        assertEquals(0, meta.exit(), meta.toString());
        assertTrue(meta.out().startsWith("build.sh\noptions.json\nrun.cmpt\nspec.yaml\n1\n{")
                && meta.out().contains("\"greeting\":\"hi\""), meta.out());
        // the built spec stores greeter's x.x pin of hello 1.2.0 as SPK does: two parts
        RuntimeHarness.Result view = spk("view", "greeter", "-o", "greeting=hi");
        assertTrue(view.out().contains("  - pkg: hello/1.2\n"), view.toString());
        // without -r, as in SPK, the local repository (where builds go) is searched
        RuntimeHarness.Result plain = spk("env", "greeter", "-o", "greeting=hi", "--", "greet");
        assertEquals("hi from hello 1.2.0\ngreeter 1.0.0\n", plain.out(), plain.toString());
        assertTrue(h.awaitNoRuntimes());

        // --variant builds one: by its options, or by its index
        RuntimeHarness.Result one = spk("build", PACKAGES.resolve("hello/hello.spk.yaml").toString(), "--variant",
                "{greeting: hi}");
        assertEquals(0, one.exit(), one.toString());
        assertEquals(1, binaries(one), one.out());
        RuntimeHarness.Result none = spk("build", PACKAGES.resolve("hello/hello.spk.yaml").toString(), "--variant", "7");
        assertEquals(2, none.exit(), none.toString());
        assertEquals("error: --variant 7 is out of range; 2 variant(s) found in hello/1.2.0, numbered from 0\n",
                none.err());

        // published to another repository, the packages are listed and entered from there
        Path origin = tmp.resolve("origin");
        RuntimeHarness.Result notRepo = spk("publish", "stdfs", "-r", origin.toString());
        assertEquals(2, notRepo.exit(), notRepo.toString());
        assertEquals("error: " + origin + " is not an spfs repository; make it one with 'spfs init repo " + origin
                + "', or publish with --create\n", notRepo.err());
        RuntimeHarness.Result pub = spk("publish", "stdfs", "hello/1.2.0", "greeter/1.0.0", "-r", origin.toString(),
                "--create");
        assertEquals(0, pub.exit(), pub.toString());
        assertEquals(3, pub.out().lines().filter(l -> l.startsWith("published ")).count(), pub.out());
        assertEquals("greeter\nhello\nstdfs\n", spk("ls", "--no-local-repo", "-r", origin.toString()).out());
        RuntimeHarness.Result partly = spk("publish", "stdfs", "nope", "-r", tmp.resolve("other").toString(), "--create");
        assertEquals(1, partly.exit(), partly.toString());
        assertTrue(!Files.exists(tmp.resolve("other")), "a missing package is found before anything is written");
        RuntimeHarness.Result nothing = spk("publish", "nope", "-r", origin.toString());
        assertEquals(1, nothing.exit(), nothing.toString());
        assertTrue(nothing.err().startsWith("error: nothing to publish"), nothing.err());


        // a program linked against the C library, a python module over it, a tar-sourced tool with a doc component
        RuntimeHarness.Result run = spk("env", "shout", "pygreet", "wordcount:{run,doc}", "--", "sh", "-c",
                "shout spk; python3 -c 'import pygreet; print(pygreet.greet(\"py\"))'; echo a b | wordcount; "
                        + "ls /spfs/share/doc/wordcount; ls /spfs/include 2>&1 || true");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("HELLO, SPK!\nHello, py!\n1 2 4\nREADME\n", run.out().substring(0, run.out().indexOf("ls:")),
                run.out());
        // libgreet:run without its devel component: no header
        assertTrue(run.out().contains("No such file"), run.out());
        // a request for the embedded package is met by the package that embeds it
        RuntimeHarness.Result calc = spk("env", "mathlite", "--", "calc", "6", "x", "7");
        assertEquals("42\n", calc.out(), calc.toString());
        // the platform pins what it names: banner 1.0.0 is allowed, libgreet must be ~1.0
        RuntimeHarness.Result platform = spk("env", "studio-platform", "banner", "--", "banner", "ok");
        assertEquals(0, platform.exit(), platform.toString());
        assertEquals(1, spk("explain", "studio-platform", "libgreet/2").exit());

        // spk test: every stage of libgreet (sources, build: make check, install: a program compiled against it)
        RuntimeHarness.Result test = spk("test", PACKAGES.resolve("libgreet/libgreet.spk.yaml").toString());
        assertEquals(0, test.exit(), test.toString());
        assertEquals("passed libgreet/1.0.0 sources test 0 (variant 0)\n"
                + "passed libgreet/1.0.0 build test 0 (variant 0)\n"
                + "passed libgreet/1.0.0 install test 0 (variant 0)\n", test.out().lines()
                        .filter(l -> l.startsWith("passed")).map(l -> l + "\n").reduce("", String::concat));
        // selectors: banner's install test is for its boxed variant only; a stage by name, a recipe by name
        RuntimeHarness.Result selected = spk("test", "banner/1.0.0@install");
        assertEquals(0, selected.exit(), selected.toString());
        assertEquals(List.of("passed banner/1.0.0 install test 0 (variant 1)"),
                selected.out().lines().filter(l -> l.startsWith("passed")).toList());
        // a variant chosen by its options and one written on the command line: the same builds again
        String before = spk("ls", "banner/1.0.0").out();
        RuntimeHarness.Result chosen = spk("make-binary", "banner", "--variant", "style=plain", "--new-variant",
                "{style: box}");
        assertEquals(0, chosen.exit(), chosen.toString());
        assertEquals(2, binaries(chosen), chosen.out());
        assertEquals(before, spk("ls", "banner/1.0.0").out(), "same options, same build digests");
        assertTrue(h.awaitNoRuntimes());
    }

    @Test
    void aFailingTestExitsNonZeroWithItsOutput() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(dir.resolve("marker"), "here\n");
        Path recipe = dir.resolve("checked.spk.yaml");
        Files.writeString(recipe, """
                pkg: checked/1.0.0
                build:
                  script: [touch $PREFIX/checked]
                tests:
                  - stage: sources
                    script: [cat marker]
                  - stage: install
                    requirements: [{var: flavour/plain}]
                    script:
                      - test -f /spfs/checked
                      - echo "the install test saw the package, then failed" >&2
                      - exit 3
                """);
        RuntimeHarness.Result here = h.spkWithInput(dir, "", "test", "--here", recipe + "@sources");
        assertEquals(0, here.exit(), here.toString());
        assertEquals("here\npassed checked/1.0.0 sources test 0 (variant 0)\n", here.out());
        assertEquals(0, spk("build", recipe.toString()).exit());
        RuntimeHarness.Result failed = spk("test", recipe.toString());
        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("the install test saw the package, then failed\n")
                && failed.err().endsWith("error: checked/1.0.0 install test 0 (variant 0) failed: the script exited "
                        + "with status 3\n"), failed.err());
        RuntimeHarness.Result badStage = spk("test", recipe + "@deploy");
        assertEquals(2, badStage.exit(), badStage.toString());
    }

    /** The build runs in the recipe's collected sources: a local folder (without .git) and a script's output. */
    @Test
    void aRecipesSourcesAreCollectedForItsBuild() throws Exception {
        Path dir = tmp.resolve("recipe");
        Files.createDirectories(dir.resolve("src/.git"));
        Files.writeString(dir.resolve("src/data.txt"), "data\n");
        Files.writeString(dir.resolve("src/.git/HEAD"), "x\n");
        Files.writeString(dir.resolve("withsrc.spk.yaml"), """
                pkg: withsrc/1.0.0
                sources:
                  - path: ./src
                  - script: [echo generated > gen.txt]
                    subdir: extra
                build:
                  script:
                    - test ! -e .git
                    - mkdir -p $PREFIX/share
                    - cp -r data.txt extra $PREFIX/share/
                """);
        RuntimeHarness.Result built = spk("build", dir.resolve("withsrc.spk.yaml").toString());
        assertEquals(0, built.exit(), built.toString());
        RuntimeHarness.Result env = spk("env", "withsrc", "--", "cat", "/spfs/share/data.txt", "/spfs/share/extra/gen.txt");
        assertEquals("data\ngenerated\n", env.out(), env.toString());
        assertEquals("x\n", Files.readString(dir.resolve("src/.git/HEAD")), "the recipe's folder is left as it was");
    }

    @Test
    void aBuildWhoseEnvironmentCannotBeResolvedSaysWhy() throws Exception {
        RuntimeHarness.Result r = spk("build", PACKAGES.resolve("hello/hello.spk.yaml").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: the build environment of hello/1.2.0 cannot be resolved")
                && r.err().contains("stdfs"), r.err());
    }
}
