package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * The environment of an spk or spfs command run in a test: the process's, except that spfs
     * configuration (the local repository, remotes) comes from {@code home} only, which holds none.
     */
    static java.util.Map<String, String> isolated(java.nio.file.Path home) {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("SPFS_") || k.startsWith("SPK_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("SPFS_STORAGE__ROOT", home.resolve("local").toString());
        return env;
    }

    static Run run(Object command, String... args) {
        CommandLine cl = Cli.commandLine(command, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * The execution strategy every command runs through implements an interface of picocli's,
     * which is compiled for Java 5: as a lambda (a hidden class) the JDK's class-data archive
     * could not hold it, and then left that interface and picocli's RunLast out as well, so that
     * every command read them from the jar, opening every jar before picocli's on the way.
     */
    @Test
    void theExecutionStrategyIsAClassTheClassDataArchiveCanHold() {
        for (Object root : new Object[] {new SpkCommand(), new SpfsCommand()}) {
            Class<?> strategy = Cli.commandLine(root, "version").getExecutionStrategy().getClass();
            assertFalse(strategy.isHidden() || strategy.isSynthetic(), strategy.getName());
        }
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run(new SpkCommand(), "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("version"), r.out());
        assertTrue(r.out().contains("-v, --verbose"), r.out());
        assertEquals(0, run(new SpfsCommand(), "--help").exit());
    }

    /**
     * A run builds in full only the subcommand it names (picocli's model of the others is
     * start-up time wasted); where the root's usage is shown the others stand in with their name
     * and description, so the listing is the same as with every subcommand built.
     */
    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        for (Object root : new Object[] {new SpkCommand(), new SpfsCommand()}) {
            CommandLine complete = Cli.completeCommandLine(root);
            CommandLine lazy = Cli.commandLine(root, "-v", "version");
            java.util.List<String> built = new java.util.ArrayList<>();
            lazy.getSubcommands().forEach((name, sub) -> {
                if (sub.getCommandSpec().userObject() != null) {
                    built.add(name);
                }
            });
            assertEquals(java.util.List.of("version"), built, root.getClass().getSimpleName());
            assertEquals(java.util.Set.of("version"), lazy.getSubcommands().keySet());
            for (String[] listing : new String[][] {{"--help"}, {"help"}, {}, {"-h", "version"}, {"nope"}}) {
                assertEquals(complete.getUsageMessage(), Cli.commandLine(root, listing).getUsageMessage(),
                        java.util.Arrays.toString(listing));
            }
        }
        CommandLine help = Cli.commandLine(new SpkCommand(), "help", "env");
        assertTrue(help.getSubcommands().get("env").getCommandSpec().userObject() instanceof spk.cli.spk.EnvCommand);
        assertTrue(help.getSubcommands().get("run").getCommandSpec().userObject() instanceof spk.cli.spk.EnvCommand,
                "an alias names its command");
        assertTrue(run(new SpkCommand(), "help", "env").out().contains("--dry-run"), "help shows the full usage");
        assertEquals(null, Cli.commandLine(new SpfsCommand(), "--", "run").getSubcommands().get("run").getCommandSpec().userObject());
        // what the root is configured with reaches the subcommand built for the run
        CommandLine explain = Cli.commandLine(new SpkCommand(), "explain", "--solver", "cpsat", "x");
        assertTrue(explain.getSubcommands().get("explain").isCaseInsensitiveEnumValuesAllowed());
        assertTrue(explain.getSubcommands().get("explain").getParameterExceptionHandler() instanceof spk.cli.app.ExitCodes);
    }

    /** Every subcommand, however deep, answers -h and --help with its own usage. */
    @Test
    void everySubcommandHasHelp() {
        for (Object root : new Object[] {new SpkCommand(), new SpfsCommand()}) {
            java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
            collect(Cli.completeCommandLine(root), new java.util.ArrayList<>(), paths);
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

    /** A usage error is one line: what was wrong, and where the usage is; never the whole usage. */
    @Test
    void usageErrorsAreOneLineWithAPointerToHelp() {
        String[][] cases = {{}, {"nope"}, {"--bogus"}, {"build", "--bogus"}, {"lint"}, {"explain", "--solver", "x"},
            {"new"}, {"ls", "a", "b"}};
        for (String[] args : cases) {
            Run r = run(new SpkCommand(), args);
            assertEquals(2, r.exit(), java.util.Arrays.toString(args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), java.util.Arrays.toString(args) + ": " + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().endsWith(" --help')"), r.err());
            assertTrue(!r.err().contains("Usage:"), r.err());
        }
        Run spfs = run(new SpfsCommand(), "runtime");
        assertEquals("error: a subcommand is required: info, list, prune, remove (see 'spfs runtime --help')",
                spfs.err().strip());
        assertEquals(2, spfs.exit());
    }

    /** What --help lists for each command is a whole sentence, never one cut at a line break. */
    @Test
    void commandListsShowWholeSentences() {
        for (Object root : new Object[] {new SpkCommand(), new SpfsCommand()}) {
            java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
            CommandLine top = Cli.completeCommandLine(root);
            collect(top, new java.util.ArrayList<>(), paths);
            for (java.util.List<String> path : paths) {
                CommandLine cl = top;
                for (String name : path) {
                    cl = cl.getSubcommands().get(name);
                }
                String[] description = cl.getCommandSpec().usageMessage().description();
                assertTrue(description.length > 0, path.toString());
                assertTrue(description[0].strip().matches("(?s).*[.!?][)'\"]?"), path + ": '" + description[0] + "'");
            }
        }
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
