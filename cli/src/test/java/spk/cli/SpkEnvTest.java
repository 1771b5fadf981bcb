package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spk.grammar.ident.Component;
import spk.spec.SpecLoader;
import spk.storage.SpfsPackageRepository;

/**
 * spk env as users run it: solve against an spfs repository of packages, copy their layers into
 * the local repository, then run in them.
 */
class SpkEnvTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;
    Path repo;

    @BeforeEach
    void publish() throws Exception {
        h = new RuntimeHarness(tmp);
        // the packages live in their own repository; runtimes use the harness's local one
        repo = tmp.resolve("packages");
        FsRepository spfs = FsRepository.create(repo, Optional.empty());
        SpfsPackageRepository packages = new SpfsPackageRepository("origin", spfs, new SpecLoader("0.44.0", Map.of()));
        packages.publish("api: v0/package\npkg: hello/1.2.0/AAAAAAAA\n",
                Map.of(Component.RUN, layer(spfs, "hello", "bin/hello", "#!/bin/sh\necho hello from a package\n")),
                ObjectFormat.DEFAULT, "test");
        packages.publish("api: v0/package\npkg: greeter/1.0.0/BBBBBBBB\ninstall:\n  requirements: [{pkg: hello/1.2}]\n",
                Map.of(Component.RUN, layer(spfs, "greeter", "bin/greet", "#!/bin/sh\n/spfs/bin/hello; echo and greeter\n")),
                ObjectFormat.DEFAULT, "test");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    Digest layer(FsRepository spfs, String name, String file, String text) throws Exception {
        return h.layer(spfs, name, file, text);
    }

    RuntimeHarness.Result spk(String... args) throws Exception {
        return h.spk(args);
    }

    @Test
    void envRunsTheCommandInTheSolutionsLayers() throws Exception {
        RuntimeHarness.assumeOverlayFs();
        RuntimeHarness.Result r = spk("env", "--no-host", "-r", repo.toString(), "greeter", "--", "sh", "-c",
                "/spfs/bin/greet; ls /spfs/bin; echo $SPFS_RUNTIME | grep -c .");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("hello from a package\nand greeter\ngreet\nhello\n1\n", r.out());
        assertTrue(h.awaitNoRuntimes(), "the runtime is torn down after the command");
        RuntimeHarness.Result again = spk("env", "--no-host", "-r", repo.toString(), "hello", "--", "/spfs/bin/hello");
        assertEquals("hello from a package\n", again.out(), "the layers were copied into the local repository: " + again);
        assertTrue(Files.isDirectory(h.repo.resolve("payloads")), "and the local repository was made for them");
    }

    @Test
    void anUnsolvableEnvironmentIsExplainedAndNothingRuns() throws Exception {
        RuntimeHarness.Result r = spk("env", "--no-host", "-r", repo.toString(), "greeter", "hello/9", "--", "touch",
                tmp.resolve("ran").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("Failed to resolve") && r.out().contains("hello/9.0.0"), r.out());
        assertTrue(!Files.exists(tmp.resolve("ran")));
    }

    @Test
    void catalogPackagesHaveNoFilesToEnter() throws Exception {
        Path catalog = tmp.resolve("catalog.yaml");
        Files.writeString(catalog, "- {pkg: tool/1.0.0/CCCCCCCC}\n", StandardCharsets.UTF_8);
        RuntimeHarness.Result r = spk("env", "--no-host", "-r", catalog.toString(), "tool", "--", "true");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: tool/1.0.0/CCCCCCCC comes from catalog, a catalog of specs without files; an environment "
                + "needs packages published to an spfs repository (use --dry-run to see the solution)\n", r.err());
        RuntimeHarness.Result dry = spk("env", "--dry-run", "--no-host", "-r", catalog.toString(), "tool");
        assertEquals(0, dry.exit(), dry.toString());
    }
}
