package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkCommand;

/** spk lint, new, num-variants, view and make-recipe as a user runs them. */
class SpecCommandsTest {
    @TempDir
    static Path home;

    private static CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(CommandLineTest.isolated(home)), args);
    }

    @Test
    void lintReportsEveryProblemAndFailsOnErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.spk.yaml");
        Files.writeString(bad, "api: v0/package\npkg: my-pkg/1.0\nbuild:\n  options:\n    - var: debug\n    - var: debug\n"
                + "biuld: {}\n");
        CommandLineTest.Run r = spk("lint", bad.toString());
        assertEquals(2, r.exit(), "bad input, as for every command reading a bad spec");
        assertTrue(r.out().contains(bad + ":6:7: error: build.options[1]: duplicate option 'debug'"), r.out());
        assertTrue(r.out().contains(bad + ":7:1: warning: biuld: unknown key 'biuld', did you mean 'build'?"), r.out());
        assertTrue(r.out().contains("Failed " + bad), r.out());
    }

    /** lint and build refuse a bad source the same way: where it is, which field, what is wrong. */
    @Test
    void badSourcesAreRefusedWithTheirPlace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("src.spk.yaml");
        Files.writeString(bad, "pkg: src-test/1.0.0\nsources:\n  - git: https://example.com/a.git\n    depth: -1\n");
        CommandLineTest.Run lint = spk("lint", bad.toString());
        assertEquals(2, lint.exit());
        assertTrue(lint.out().contains(bad + ":4:12: error: sources[0].depth: 'depth' must be a positive number of commits, "
                + "found -1\n"), lint.out());
        CommandLineTest.Run build = spk("build", bad.toString());
        assertEquals(2, build.exit());
        assertEquals("error: " + bad + ":4:12: sources[0].depth: 'depth' must be a positive number of commits, found -1\n",
                build.err());
    }

    @Test
    void newWritesARecipeThatLintsClean(@TempDir Path dir) throws Exception {
        String old = System.getProperty("user.dir");
        Path file = Path.of("my-tool.spk.yaml");
        try {
            Files.deleteIfExists(file);
            assertEquals(0, spk("new", "my-tool").exit());
            CommandLineTest.Run lint = spk("lint", file.toString());
            assertEquals(0, lint.exit(), lint.out());
            assertEquals("OK my-tool.spk.yaml", lint.out().strip());
            assertEquals(2, spk("new", "my-tool").exit(), "an existing file is not overwritten");
            assertEquals(2, spk("new", "My_Tool").exit(), "a bad name is refused");
        } finally {
            Files.deleteIfExists(file);
            System.setProperty("user.dir", old);
        }
    }

    @Test
    void numVariantsCountsTheVariants(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("v.spk.yaml");
        Files.writeString(f, "api: v0/package\npkg: v1/1.0\nbuild:\n  options: [{var: debug/off, choices: [on, off]}]\n"
                + "  variants: [{debug: on}, {debug: off}, {gcc: 6.3}]\n");
        CommandLineTest.Run r = spk("num-variants", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("3", r.out().strip());
    }

    @Test
    void viewAndMakeRecipeRenderTemplatesWithOptions(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.spk.yaml");
        Files.writeString(f, "# {% set opt = opt | default_opts(version=\"1.2.3\") %}\napi: v0/package\n"
                + "pkg: tool/{{ opt.version }}\n");
        CommandLineTest.Run made = spk("make-recipe", f.toString(), "-o", "version=2.0.1");
        assertEquals(0, made.exit(), made.err());
        assertTrue(made.out().contains("pkg: tool/2.0.1"), made.out());
        CommandLineTest.Run json = spk("view", "--format", "json", f.toString(), "-o", "{version: 3.1}");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"pkg\" : \"tool/3.1\""), json.out());
        CommandLineTest.Run yaml = spk("view", f.toString());
        assertTrue(yaml.out().contains("pkg: tool/1.2.3"), yaml.out());
        assertEquals(2, spk("view", dir.resolve("missing.spk.yaml").toString()).exit());
    }
}
