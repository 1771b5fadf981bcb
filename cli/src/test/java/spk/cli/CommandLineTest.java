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

    /** Every subcommand, however deep, answers -h and --help with its own usage. */
    @Test
    void everySubcommandHasHelp() {
        for (Object root : new Object[] {new SpkCommand(), new SpfsCommand()}) {
            java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
            collect(Cli.commandLine(root), new java.util.ArrayList<>(), paths);
            assertTrue(paths.size() > 5, paths.toString());
            for (java.util.List<String> path : paths) {
                for (String flag : new String[] {"-h", "--help"}) {
                    java.util.List<String> args = new java.util.ArrayList<>(path);
                    args.add(flag);
                    Run r = run(root instanceof SpkCommand ? new SpkCommand() : new SpfsCommand(), args.toArray(String[]::new));
                    assertEquals(0, r.exit(), args + ": " + r.err());
                    assertTrue(r.out().startsWith("Usage: ") && r.out().contains(String.join(" ", path)), args + ": " + r.out());
                }
            }
        }
    }

    private static void collect(CommandLine cl, java.util.List<String> prefix, java.util.List<java.util.List<String>> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (!e.getKey().equals(e.getValue().getCommandName()) || e.getKey().equals("help")) {
                continue; // aliases, and picocli's own help command
            }
            java.util.List<String> path = new java.util.ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            collect(e.getValue(), path, out);
        }
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
        // with --help too: not the root's help and success, as if the command existed
        for (String[] args : new String[][] {{"make-sourcery", "--help"}, {"-h", "nope"}}) {
            Run help = run(new SpkCommand(), args);
            assertEquals(2, help.exit(), help.toString());
            assertEquals("error: unknown command '" + args[args[0].startsWith("-") ? 1 : 0] + "' (see 'spk --help')\n",
                    help.err());
            assertEquals("", help.out());
        }
        Run spfs = run(new SpfsCommand(), "runtime", "nope", "--help");
        assertEquals(2, spfs.exit(), spfs.toString());
        assertEquals("error: unknown command 'nope' (see 'spfs --help')\n", spfs.err());
        Run known = run(new SpkCommand(), "make-source", "--help");
        assertEquals(0, known.exit(), known.toString());
        assertTrue(known.out().startsWith("Usage: spk make-source"), known.out());
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
