package spk.cli.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;

/**
 * A bare {@code --help} prints the usage the build recorded (CommandIndexWriter) instead of
 * modelling the command line: it must be what picocli prints from the annotations, byte for byte,
 * plain and in colour, and be used only where picocli could not print anything else.
 */
class RecordedUsageTest {
    private static final List<Object> ROOTS = List.of(new SpkCommand(), new SpfsCommand());

    /** What picocli prints for {@code --help}, the root modelled from its annotations with every subcommand. */
    private static String picocli(Object root, boolean ansi) {
        return RecordedUsage.render(Cli.completeCommandLine(root), ansi);
    }

    /** A subcommand added (or a description changed) without the recording changing fails here. */
    @Test
    void theRecordingIsWhatPicocliPrintsFromTheAnnotations() {
        for (Object root : ROOTS) {
            for (boolean ansi : new boolean[] {false, true}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertTrue(RecordedUsage.print(root.getClass(), ansi, new PrintStream(out)), "no recording for " + root);
                String expected = picocli(root, ansi);
                assertArrayEquals(expected.getBytes(Charset.defaultCharset()), out.toByteArray(), root + ", ansi " + ansi);
                assertEquals(ansi, expected.contains("\u001b["), "styles only in the ANSI recording");
                assertTrue(ansi || expected.contains("Commands:\n  version "), expected);
            }
        }
    }

    /** picocli itself, as a run without the recording uses it: the same root, its usage asked with -h or --help. */
    @Test
    void theRecordingIsWhatTheCommandLinePrints() {
        for (Object root : ROOTS) {
            for (String help : List.of("--help", "-h")) {
                CommandLine cl = Cli.commandLine(root, help);
                StringWriter out = new StringWriter();
                cl.setOut(new PrintWriter(out)).setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
                assertEquals(0, cl.execute(help));
                assertEquals(picocli(root, false), out.toString());
            }
        }
    }

    @Test
    void onlyABareHelpWithPicocliDefaultsIsAnswered() {
        Properties none = new Properties();
        assertTrue(RecordedUsage.asked(new String[] {"--help"}, none));
        assertTrue(RecordedUsage.asked(new String[] {"-h"}, none));
        for (List<String> args : List.of(List.<String>of(), List.of("-v", "--help"), List.of("--help", "version"), List.of("help"),
                List.of("-hv"), List.of("version", "--help"), List.of("--help", "--"))) {
            assertFalse(RecordedUsage.asked(args.toArray(new String[0]), none), args.toString());
        }
        Properties ours = new Properties();
        ours.setProperty("picocli.disable.closures", "true");
        ours.setProperty("picocli.converters.excludes", Cli.EXCLUDED_CONVERTERS);
        ours.setProperty("spfs.repository.kinds.path", "x");
        assertTrue(RecordedUsage.asked(new String[] {"--help"}, ours), "our own settings change no output");
        for (String setting : List.of("picocli.usage.width", "picocli.ansi", "picocli.color.options", "picocli.trace")) {
            Properties user = new Properties();
            user.setProperty(setting, "120");
            assertFalse(RecordedUsage.asked(new String[] {"--help"}, user), setting);
        }
    }

    /** The encoding of picocli's standard output writer; none where picocli would not know it. */
    @Test
    void theOutputIsEncodedAsPicocliEncodesIt() {
        assertEquals(Charset.defaultCharset(), RecordedUsage.stdoutCharset(null));
        assertEquals(StandardCharsets.UTF_8, RecordedUsage.stdoutCharset("cp65001"));
        assertEquals(StandardCharsets.ISO_8859_1, RecordedUsage.stdoutCharset("ISO-8859-1"));
        assertNull(RecordedUsage.stdoutCharset("no-such-encoding"));
        assertNull(RecordedUsage.stdoutCharset("bad name!"));
    }

    /** A root the build recorded nothing for (not one of ours) is left to picocli. */
    @Test
    void withoutARecordingPicocliPrints() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertFalse(RecordedUsage.print(CommandIndexTest.OddRoot.class, false, new PrintStream(out)));
        assertEquals(0, out.size());
    }
}
