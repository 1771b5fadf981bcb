package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkCommand;

/** spk explain and spk env --dry-run as users run them, against a catalog folder. */
class SolveCommandsTest {
    @TempDir
    static Path dir;

    static Path catalog;

    @BeforeAll
    static void writeCatalog() throws Exception {
        catalog = dir.resolve("catalog");
        Files.createDirectories(catalog.resolve("maya"));
        Files.writeString(catalog.resolve("maya/builds.yaml"), """
                - pkg: maya/2019.0.0/AAAAAAAA
                - pkg: maya/2020.0.0/AAAAAAAA
                """);
        Files.writeString(catalog.resolve("plugins.yaml"), """
                - pkg: my-plugin/1.0.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2019}]
                - pkg: my-plugin/1.1.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2020}]
                """);
        // a published debug=off build and the recipe it came from
        Files.writeString(catalog.resolve("my-tool.yaml"), """
                - pkg: my-tool/1.2.0/AAAAAAAA
                  build:
                    options: [{var: debug, static: off}]
                - pkg: my-tool/1.2.0
                  build:
                    options: [{var: debug/off}]
                """);
    }

    @Test
    void viewShowsThePackageARequestResolvesTo() {
        CommandLineTest.Run r = spk("view", "-r", catalog.toString(), "--no-host", "my-plugin/1.0");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("pkg: my-plugin/1.0.0/AAAAAAAA"), r.out());
        assertTrue(r.out().contains("maya/2019"), r.out());
        CommandLineTest.Run none = spk("view", "-r", catalog.toString(), "--no-host", "my-plugin/7");
        assertEquals(1, none.exit(), none.out());
        assertTrue(none.out().contains("Failed to resolve"), none.out());
        // without -r, the (here empty) local repository: not found
        CommandLineTest.Run noRepo = spk("view", "my-plugin/1.0");
        assertEquals(1, noRepo.exit(), noRepo.err());
        assertTrue(noRepo.out().contains("no builds of 'my-plugin' in any repository"), noRepo.out());
        CommandLineTest.Run noFile = spk("view", dir.resolve("nowhere.spk.yaml").toString());
        assertEquals(2, noFile.exit(), noFile.err());
        assertEquals("error: " + dir.resolve("nowhere.spk.yaml") + ": no such file\n", noFile.err());
    }

    @Test
    void allowBuildsBuildsFromSourceWhenNoBuildFits() {
        CommandLineTest.Run r = spk("explain", "-r", catalog.toString(), "--no-host", "-o", "debug=on",
                "--allow-builds", "my-tool");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("(build-from-source"), r.out());
        CommandLineTest.Run binaryOnly = spk("explain", "-r", catalog.toString(), "--no-host", "-o", "debug=on",
                "my-tool");
        assertEquals(1, binaryOnly.exit(), binaryOnly.out());
    }

    private static CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(CommandLineTest.isolated(dir.resolve("home"))), args);
    }

    @Test
    void explainPrintsTheSolution() {
        CommandLineTest.Run r = spk("explain", "-r", catalog.toString(), "--no-host", "my-plugin/1", "maya/2019");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("> RESOLVE my-plugin/1.0.0/AAAAAAAA"), r.out());
        assertTrue(r.out().contains("  maya/2019.0.0/AAAAAAAA:run  (catalog)"), r.out());
        assertTrue(r.out().contains("Number of Packages: 2"), r.out());
    }

    @Test
    void explainTellsWhyThereIsNoSolutionAndExitsOne() {
        CommandLineTest.Run r = spk("explain", "-r", catalog.toString(), "--no-host", "my-plugin/1.1", "maya/2019");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("Failed to resolve: there is no solution"), r.out());
        assertTrue(r.out().contains("catalog/my-plugin/1.1.0/AAAAAAAA requires maya/2020.0.0"), r.out());
        // without -v, the explanation alone: no BLOCKED line repeating its list first
        assertTrue(r.out().startsWith("Failed to resolve: "), r.out());
        CommandLineTest.Run verbose = spk("explain", "-v", "-r", catalog.toString(), "--no-host", "my-plugin/1.1", "maya/2019");
        assertTrue(verbose.out().contains(" BLOCKED "), verbose.out());
    }

    @Test
    void jsonOutputHasTheDocumentedShape() throws Exception {
        CommandLineTest.Run r = spk("explain", "-r", catalog.toString(), "--no-host", "--format", "json",
                "--solver", "cpsat", "{pkg: my-plugin}");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("solved", j.get("status").asText());
        assertEquals("my-plugin/1.1.0/AAAAAAAA", j.get("solution").get(0).get("pkg").asText());
        assertEquals("catalog", j.get("solution").get(0).get("source").asText());
        assertEquals("run", j.get("solution").get(0).get("components").get(0).asText());
        assertEquals("~2020.0.0", j.get("options").get("maya").asText());

        CommandLineTest.Run u = spk("explain", "-r", catalog.toString(), "--no-host", "--format", "json",
                "my-plugin/1.1", "maya/2019");
        assertEquals(1, u.exit());
        JsonNode ju = new ObjectMapper().readTree(u.out());
        assertEquals("unsatisfiable", ju.get("status").asText());
        assertTrue(ju.get("explanation").asText().contains("requires maya/2020.0.0"));
    }

    @Test
    void badInputExitsTwo() {
        CommandLineTest.Run r = spk("explain", "-r", catalog.toString(), "my-plugin/>=1..2");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("invalid request 'my-plugin/>=1..2': expected a number at column 15"), r.err());
        assertEquals(1, spk("explain", "my-plugin").exit(), "not in the (empty) local repository");
        CommandLineTest.Run nowhere = spk("explain", "-r", dir.resolve("nowhere").toString(), "my-plugin");
        assertEquals(2, nowhere.exit());
        assertTrue(nowhere.err().startsWith("error: -r " + dir.resolve("nowhere") + ": no such folder or file"), nowhere.err());
        assertEquals(1, nowhere.err().lines().count(), nowhere.err());
    }

    @Test
    void envDryRunPrintsTheSolution() {
        CommandLineTest.Run r = spk("env", "--dry-run", "-r", catalog.toString(), "--no-host", "maya");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("maya/2020.0.0/AAAAAAAA"), r.out());
        assertTrue(!r.out().contains("RESOLVE"), "env is one level quieter than explain");
    }

    @Test
    void optionsBecomeVarRequests() throws Exception {
        Path opts = dir.resolve("opts");
        Files.createDirectories(opts);
        Files.writeString(opts.resolve("x.yaml"), """
                - pkg: tool/1.0.0/AAAAAAAA
                  build:
                    options: [{var: debug, static: 'on'}]
                - pkg: tool/1.0.0/BBBBBBBB
                  build:
                    options: [{var: debug, static: 'off'}]
                """);
        CommandLineTest.Run r = spk("explain", "-r", opts.toString(), "--no-host", "-o", "debug=off", "tool");
        assertTrue(r.out().contains("tool/1.0.0/BBBBBBBB"), r.out());
    }

    /** spk ls: names, then the versions of one package (highest last), then the builds of one version. */
    @org.junit.jupiter.api.Test
    void lsListsNamesVersionsAndBuilds() {
        String catalog = java.nio.file.Path.of("..", "packages", "demo-catalog.yaml").toString();
        CommandLineTest.Run names = spk("ls", "-r", catalog);
        assertEquals("greeter\nhello\nstdfs\n", names.out(), names.err());
        assertEquals("1.1.0\n1.2.0\n", spk("ls", "-r", catalog, "hello").out());
        CommandLineTest.Run builds = spk("ls", "-c", "-r", catalog, "hello/1.2.0");
        assertEquals("hello/1.2.0/QSXG2FRL [build, run]  (demo-catalog)\nhello/1.2.0/3VHUQ2WZ [build, run]  (demo-catalog)\n",
                builds.out(), builds.err());
        CommandLineTest.Run bad = spk("ls", "-r", catalog, "Bad");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: invalid package name 'Bad'"), bad.err());
    }
}
