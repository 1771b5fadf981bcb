package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkCommand;

/** Workspaces (workspace.spk.yaml, --workspace) and PKG@STAGE requests on the command line. */
class WorkspaceCommandsTest {
    @TempDir
    Path home;

    Path ws;
    Path catalog;

    @BeforeEach
    void setUp() throws Exception {
        ws = Files.createDirectories(home.resolve("ws"));
        Files.createDirectories(ws.resolve("packages/tpl"));
        Files.writeString(ws.resolve("workspace.spk.yaml"), """
                api: v0/workspace
                recipes:
                  - packages/**/*.spk.yaml
                  - path: packages/tpl/tpl.spk.yaml
                    versions: ['1.{0..2}.0']
                """);
        Files.writeString(ws.resolve("packages/tpl/tpl.spk.yaml"), """
                # {% set opt = opt | default_opts(version="1.0.0") %}
                pkg: tpl/{{ opt.version }}
                build:
                  options: [{pkg: cmake/3}]
                  variants: [{}, {cmake: 3.1}]
                """);
        Files.writeString(ws.resolve("packages/other.spk.yaml"), "pkg: other/2.0.0\n");
        catalog = Files.writeString(home.resolve("catalog.yaml"), """
                - pkg: cmake/3.0.0/AAAAAAAA
                - pkg: cmake/3.1.0/CCCCCCCC
                - pkg: tpl/1.1.0/BBBBBBBB
                - pkg: tpl/1.2.0/DDDDDDDD
                """);
    }

    CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(CommandLineTest.isolated(home)), args);
    }

    @Test
    void recipesAreFoundByNameAndVersionInTheWorkspace() {
        CommandLineTest.Run n = spk("num-variants", "--workspace", ws.resolve("packages").toString(), "tpl/1.1");
        assertEquals("2\n", n.out(), n.err());
        assertEquals("2\n", spk("num-variants", "--workspace", ws.toString(), "tpl").out(), "the only tpl recipe");
        CommandLineTest.Run none = spk("num-variants", "--workspace", ws.toString(), "nope");
        assertEquals(2, none.exit());
        assertEquals("error: no recipe for 'nope' in the workspace at " + ws.toAbsolutePath() + "\n", none.err());
        CommandLineTest.Run missing = spk("num-variants", home.resolve("missing.spk.yaml").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void stageRequestsResolveToWhatTheRecipeNeeds() {
        String w = ws.toString();
        String c = catalog.toString();
        CommandLineTest.Run build = spk("explain", "--no-host", "--workspace", w, "-r", c, "tpl@build");
        assertEquals(0, build.exit(), build.out() + build.err());
        assertTrue(build.out().contains("Installed Packages:\n  cmake/3.1.0/CCCCCCCC:build  (catalog)\n"), build.out());
        CommandLineTest.Run variant = spk("explain", "--no-host", "--workspace", w, "-r", c, "tpl@build?v=1");
        assertTrue(variant.out().contains("cmake/3.1.0/CCCCCCCC:build"), variant.out());
        CommandLineTest.Run install = spk("explain", "--no-host", "--workspace", w, "-r", c, "tpl/1.1@install");
        assertTrue(install.out().contains("Installed Packages:\n  tpl/1.1.0/BBBBBBBB:run  (catalog)\n"), install.out());
        CommandLineTest.Run file = spk("explain", "--no-host", "-r", c, "-o", "version=1.2.0",
                ws.resolve("packages/tpl/tpl.spk.yaml") + "@install");
        assertTrue(file.out().contains("tpl/1.2.0/DDDDDDDD:run"), "a file, rendered with -o: " + file.out());
        CommandLineTest.Run sources = spk("explain", "--no-host", "--workspace", w, "-r", c, "tpl/1.1@sources");
        assertEquals(1, sources.exit(), "no source package was published: " + sources.out());
        CommandLineTest.Run bad = spk("explain", "--workspace", w, "tpl@tests");
        assertEquals(2, bad.exit());
        assertEquals("error: 'tpl@tests': unknown stage 'tests' (sources, build or install)\n", bad.err());
        CommandLineTest.Run several = spk("explain", "--workspace", w, "-r", c, "tpl/9@install");
        assertEquals(2, several.exit(), several.out());
    }

    @Test
    void buildCommandsFindTheirRecipesInTheWorkspaceBeforeTheRepositories() {
        String w = ws.toString();
        CommandLineTest.Run made = spk("make-source", "--workspace", w, "tpl/1.1");
        assertEquals(0, made.exit(), made.out() + made.err());
        assertTrue(made.out().startsWith("built tpl/1.1.0/src "), "rendered with the version asked for: " + made.out());
        CommandLineTest.Run sources = spk("explain", "--no-host", "--workspace", w, "tpl/1.1@sources");
        assertEquals(0, sources.exit(), "the source package is in local now: " + sources.out() + sources.err());
        CommandLineTest.Run none = spk("make-source", "--workspace", w, "nope");
        assertEquals(1, none.exit(), none.out() + none.err());
        assertTrue(none.err().startsWith("error: no recipe of nope in [local] (and no recipe for 'nope' in the workspace at "
                + ws.toAbsolutePath()), none.err());
    }
}
