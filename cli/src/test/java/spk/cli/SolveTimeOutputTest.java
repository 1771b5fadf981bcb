package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spk.SpkCommand;

/** {@code --time} on explain and env: the steps, the most frequent rejection reasons and the packages behind them. */
class SolveTimeOutputTest {
    @TempDir
    static Path dir;

    static Path catalog;

    @BeforeAll
    static void writeCatalog() throws Exception {
        catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, """
                - pkg: maya/2019.0.0/AAAAAAAA
                - pkg: maya/2020.0.0/AAAAAAAA
                - pkg: my-plugin/1.0.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2019}]
                - pkg: my-plugin/1.1.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2020}]
                """);
    }

    private static CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(), args);
    }

    @Test
    void explainTimePrintsStepsReasonsAndPackages() {
        CommandLineTest.Run r = spk("explain", "--time", "-r", catalog.toString(), "--no-host", "my-plugin",
                "maya/2019");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().matches("(?s).*Solved in \\d+ ms with sat4j: \\d+ SAT calls \\(search \\d+ in \\d+ ms.*"
                + "expansion rounds.*"), r.out());
        // my-plugin 1.1.0 needs maya 2020, which the request for maya 2019 rules out
        assertTrue(r.out().contains("Most frequent rejection reasons:"), r.out());
        assertTrue(r.out().matches("(?s).*Packages most often named in rejections and conflicts:\\n  \\d+ × maya.*"),
                r.out());
    }

    @Test
    void aFailedSolveCountsTheExplanationsChecks() {
        CommandLineTest.Run r = spk("explain", "-t", "-r", catalog.toString(), "--no-host", "my-plugin/1.1",
                "maya/2019");
        assertEquals(1, r.exit());
        assertTrue(r.out().matches("(?s).*Failed in \\d+ ms with sat4j: .*explain \\d+ in \\d+ ms.*"), r.out());
    }

    @Test
    void envDryRunTakesTimeToo() {
        CommandLineTest.Run r = spk("env", "--dry-run", "--time", "-r", catalog.toString(), "--no-host", "my-plugin");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("Solved in "), r.out());
        assertTrue(r.out().contains("Most frequent rejection reasons:"), r.out());
    }
}
