package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import spk.cli.app.Cli;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;
import spk.grammar.range.VersionRange;

class CommandLineTest {
    /** Output and exit code of one run. */
    record Run(int exit, String out, String err) {}

    static Run run(Object command, String... args) {
        CommandLine cl = Cli.commandLine(command, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run(new SpkCommand(), "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("version"), r.out());
        assertTrue(r.out().contains("-v, --verbose"), r.out());
        assertEquals(0, run(new SpfsCommand(), "--help").exit());
    }

    @Test
    void versionPrintsSpkAndSpfs() {
        Run r = run(new SpkCommand(), "version");
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("spk "), r.out());
        assertTrue(r.out().contains("\nspfs "), r.out());
        assertTrue(run(new SpkCommand(), "version", "-v").out().contains("java "), "-v adds the Java runtime");
        assertTrue(run(new SpfsCommand(), "version").out().startsWith("spfs "));
    }

    @Test
    void noOrUnknownSubcommandIsAUsageError() {
        assertEquals(2, run(new SpkCommand()).exit());
        Run r = run(new SpkCommand(), "nope");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope"), r.err());
    }

    @Command(name = "bad")
    static final class BadInput implements Callable<Integer> {
        @Override
        public Integer call() {
            VersionRange.parse(">=1..2");
            return 0;
        }
    }

    @Command(name = "crash")
    static final class Crash implements Callable<Integer> {
        @CommandLine.Mixin
        spk.cli.app.GlobalOptions global;

        @Override
        public Integer call() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        Run r = run(new BadInput());
        assertEquals(2, r.exit());
        assertEquals("error: invalid version range '>=1..2': expected a number at column 5", r.err().strip());
    }

    @Test
    void internalErrorsHideTheStackTraceUnlessAskedFor() {
        Run quiet = run(new Crash());
        assertEquals(70, quiet.exit());
        assertTrue(quiet.err().startsWith("error: internal error: java.lang.IllegalStateException: boom"));
        assertTrue(!quiet.err().contains("\tat "), quiet.err());
        assertTrue(run(new Crash(), "-vvv").err().contains("\tat "));
    }
}
