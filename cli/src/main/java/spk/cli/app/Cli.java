package spk.cli.app;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Builds a picocli command line with this project's error handling and runs it. */
public final class Cli {
    private Cli() {}

    /** Runs {@code command} with {@code args} and returns the process exit code. */
    public static int run(Object command, String... args) {
        // picocli otherwise looks for Groovy on the class path when it first makes a command,
        // and the miss opens every jar of it (a third of the start-up of `spfs version`)
        System.setProperty("picocli.disable.closures", "true");
        return commandLine(command, args).execute(args);
    }

    /**
     * The unknown subcommand in {@code args} when help is also asked for ({@code spk mkx --help}):
     * picocli would print the parent's help and succeed, as if the command existed. Without
     * {@code --help} picocli itself refuses the unmatched argument.
     */
    private static String unknownCommandAskedForHelp(CommandLine root, String[] args) {
        int end = Arrays.asList(args).indexOf("--");
        List<String> before = Arrays.asList(args).subList(0, end < 0 ? args.length : end);
        if (!before.contains("--help") && !before.contains("-h")) {
            return null;
        }
        CommandLine current = root;
        for (String a : before) {
            if (a.startsWith("-")) {
                continue;
            }
            if (current.getSubcommands().isEmpty()) {
                return null;
            }
            CommandLine sub = current.getSubcommands().get(a);
            if (sub == null) {
                return current.getCommandSpec().positionalParameters().isEmpty() ? a : null;
            }
            current = sub;
        }
        return null;
    }

    /**
     * The configured command line for {@code command}, ready to execute {@code args}. Of the
     * root's {@link Subcommands}, only those {@code args} name are built in full; where the
     * others are needed at all, they are stand-ins that carry their name, aliases and
     * description, which is all a usage listing, a "did you mean" or a missing-subcommand error
     * needs.
     */
    public static CommandLine commandLine(Object command, String... args) {
        return configure(command, args, false);
    }

    /** {@code command} with every subcommand built in full, as the tests that walk the tree need. */
    public static CommandLine completeCommandLine(Object command) {
        return configure(command, new String[0], true);
    }

    private static CommandLine configure(Object command, String[] args, boolean complete) {
        CommandLine cl = new CommandLine(command);
        Subcommands lazy = command.getClass().getAnnotation(Subcommands.class);
        if (lazy != null) {
            Named named = named(args);
            if (complete || named.listing() || !addNamed(cl, lazy, named)) {
                for (Class<?> sub : lazy.value()) {
                    Command annotation = sub.getAnnotation(Command.class);
                    if (complete || names(annotation).anyMatch(named.words()::contains)) {
                        cl.addSubcommand(sub);
                    } else {
                        cl.addSubcommand(annotation.name(), standIn(annotation), annotation.aliases());
                    }
                }
            }
        }
        addHelpOptions(cl);
        // set once every subcommand is in: picocli applies these to the subcommands it has now
        ExitCodes codes = new ExitCodes(countVerbosity(args));
        cl.setExecutionExceptionHandler(codes)
                .setExitCodeExceptionMapper(codes)
                .setParameterExceptionHandler(codes)
                .setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(new RunLastKnown(cl));
        return cl;
    }

    /**
     * picocli's {@code RunLast}, refusing help for an unknown subcommand first. A class, not a
     * lambda: the JDK cannot archive a lambda implementing an interface compiled for Java 5, as
     * picocli's are, and then leaves that interface and {@code RunLast} out of the class-data
     * archive too; loading them from the jar made every command open all the jars before
     * picocli's on the class path (docs/benchmarks.md, "Command-line start-up").
     */
    private static final class RunLastKnown implements CommandLine.IExecutionStrategy {
        private final CommandLine root;
        private final CommandLine.IExecutionStrategy run = new CommandLine.RunLast();

        RunLastKnown(CommandLine root) {
            this.root = root;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            String unknown = unknownCommandAskedForHelp(root, parsed.originalArgs().toArray(String[]::new));
            if (unknown == null) {
                return run.execute(parsed);
            }
            root.getErr().println("error: unknown command '" + unknown + "' (see '" + root.getCommandName() + " --help')");
            root.getErr().flush();
            return ExitCodes.USAGE;
        }
    }

    /**
     * The words of a command line that may name root subcommands, and whether the others must
     * be listed too: for the root's usage ({@code --help}, {@code help}, no subcommand); also
     * when no word names one, for picocli's "did you mean". Each stand-in costs an annotation read
     * and a picocli command line of its own, so a run that names its subcommand makes none.
     */
    private record Named(List<String> words, boolean listing) {}

    /**
     * The first word of {@code args} that is not an option (the roots' own options take no
     * values), and after {@code help} the word it asks about, whose full usage picocli's help
     * command prints.
     */
    private static Named named(String[] args) {
        boolean rootHelp = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("-h") || args[i].equals("--help")) {
                rootHelp = true;
            }
            if (!args[i].startsWith("-")) {
                if (args[i].equals("help")) {
                    for (int j = i + 1; j < args.length; j++) {
                        if (!args[j].startsWith("-")) {
                            return new Named(List.of(args[i], args[j]), true);
                        }
                    }
                    return new Named(List.of(args[i]), true);
                }
                return new Named(List.of(args[i]), rootHelp);
            }
        }
        return new Named(List.of(), true);
    }

    /** Adds the one subcommand {@code named} names, if there is one; reads no more annotations than it must. */
    private static boolean addNamed(CommandLine cl, Subcommands lazy, Named named) {
        for (Class<?> sub : lazy.value()) {
            if (names(sub.getAnnotation(Command.class)).anyMatch(named.words()::contains)) {
                cl.addSubcommand(sub);
                return true;
            }
        }
        return false;
    }

    private static Stream<String> names(Command annotation) {
        return Stream.concat(Stream.of(annotation.name()), Arrays.stream(annotation.aliases()));
    }

    /** A subcommand that is listed but not built: its name, description and whether it is hidden. */
    private static CommandSpec standIn(Command annotation) {
        CommandSpec spec = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
        spec.usageMessage().description(annotation.description()).header(annotation.header())
                .hidden(annotation.hidden());
        return spec;
    }

    /**
     * {@code -h/--help} on every subcommand ({@code spk env --help}, {@code spfs runtime list -h})
     * without repeating it in each class; picocli prints the usage when it is given.
     */
    private static void addHelpOptions(CommandLine parent) {
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CommandLine sub : parent.getSubcommands().values()) {
            if (!seen.add(sub)) {
                continue; // an alias of one already done
            }
            CommandSpec spec = sub.getCommandSpec();
            if (!spec.optionsMap().containsKey("--help") && !spec.optionsMap().containsKey("-h")) {
                spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    /** Verbosity is needed before parsing finishes, to decide how much of a crash to show. */
    private static int countVerbosity(String[] args) {
        int n = 0;
        for (String a : Arrays.asList(args)) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--verbose")) {
                n++;
            } else if (a.matches("-v+")) {
                n += a.length() - 1;
            }
        }
        return n;
    }
}
