package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void ourRecipesBuildAndTheirEnvironmentRuns() throws Exception {
        RuntimeHarness.Result stdfs = spk("build", PACKAGES.resolve("stdfs/stdfs.spk.yaml").toString());
        assertEquals(0, stdfs.exit(), stdfs.toString());
        // as SPK's build: the source package first, then the binary one
        assertTrue(stdfs.out().startsWith("built stdfs/1.0.0/src [src]\nbuilt stdfs/1.0.0/"), stdfs.out());
        RuntimeHarness.Result hello = spk("build", PACKAGES.resolve("hello/hello.spk.yaml").toString());
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals(2, binaries(hello), "both variants: " + hello);
        RuntimeHarness.Result greeter = spk("build", PACKAGES.resolve("greeter/greeter.spk.yaml").toString(), "-o",
                "version=1.0.0");
        assertEquals(0, greeter.exit(), greeter.toString());

        // published as SPK publishes: a spec blob and a layer per component
        FsRepository local = FsRepository.open(h.repo, Optional.empty());
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
        FsRepository.create(origin, Optional.empty());
        for (String p : new String[] {"stdfs", "hello/1.2.0", "greeter/1.0.0"}) {
            RuntimeHarness.Result pub = spk("publish", p, "-r", origin.toString());
            assertEquals(0, pub.exit(), pub.toString());
        }
        assertEquals("greeter\nhello\nstdfs\n", spk("ls", "-r", origin.toString()).out());
        RuntimeHarness.Result nothing = spk("publish", "nope", "-r", origin.toString());
        assertEquals(1, nothing.exit(), nothing.toString());
        assertTrue(nothing.err().startsWith("error: nothing to publish"), nothing.err());
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
