package spk.cli.app;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Builds a picocli command line with this project's error handling and runs it. */
public final class Cli {
    private Cli() {}

    /** The types whose built-in converters picocli leaves out (regular expressions, comma-separated). */
    static final String EXCLUDED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    /** Runs {@code command} with {@code args} and returns the process exit code. */
    public static int run(Object command, String... args) {
        if (RecordedUsage.printIfAsked(command.getClass(), args)) {
            return 0;
        }
        // picocli otherwise looks for Groovy on the class path when it first makes a command,
        // and the miss opens every jar of it (a third of the start-up of `spfs version`)
        System.setProperty("picocli.disable.closures", "true");
        // and it registers converters for java.sql's and java.time's types, which none of our
        // options has, loading and initialising ~80 JDK classes (DateTimeFormatter's tables,
        // DriverManager) on the main thread of every command
        System.setProperty("picocli.converters.excludes", EXCLUDED_CONVERTERS);
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
        return configure(command, args, false, CommandIndex.recorded(command.getClass()));
    }

    /** As {@link #commandLine(Object, String...)}, from {@code index} (the build checks an index with it). */
    static CommandLine commandLine(Object command, CommandIndex index, String... args) {
        return configure(command, args, false, Optional.of(index));
    }

    /** {@code command} with every subcommand built in full, as the tests that walk the tree need. */
    public static CommandLine completeCommandLine(Object command) {
        return configure(command, new String[0], true, Optional.empty());
    }

    /**
     * With an {@code index}, the root, the stand-ins and the plain subcommands are built from it
     * without reading an annotation (each annotation type read makes the JVM generate a proxy
     * class, which no class-data archive holds); without one, from the annotations.
     */
    private static CommandLine configure(Object command, String[] args, boolean complete, Optional<CommandIndex> index) {
        CommandLine cl = index.isPresent() ? new CommandLine(rootSpec(command, index.get())) : new CommandLine(command);
        List<CommandIndex.Entry> entries = index.isPresent() ? index.get().subcommands() : reflectedEntries(command);
        if (!entries.isEmpty()) {
            Named named = named(args);
            if (complete || named.listing() || !addNamed(cl, entries, named, index.isPresent())) {
                for (CommandIndex.Entry e : entries) {
                    if (complete || e.namedIn(named.words())) {
                        add(cl, e, index.isPresent());
                    } else {
                        cl.addSubcommand(e.name(), standIn(e), e.aliases().toArray(new String[0]));
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

    private static List<CommandIndex.Entry> reflectedEntries(Object command) {
        Subcommands lazy = command.getClass().getAnnotation(Subcommands.class);
        return lazy == null ? List.of() : Arrays.stream(lazy.value()).map(CommandIndex.Entry::of).toList();
    }

    /** The root's model from the index: what its {@code @Command} and {@code @Mixin}s would give. */
    private static CommandSpec rootSpec(Object command, CommandIndex index) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(index.name());
        spec.usageMessage().description(index.description().toArray(new String[0]));
        if (!index.versionProvider().isEmpty()) {
            spec.versionProvider((CommandLine.IVersionProvider) instance(index.versionProvider()));
        }
        for (CommandIndex.RootOption o : index.options()) {
            String[] names = o.names().toArray(new String[0]);
            String[] description = o.description().toArray(new String[0]);
            spec.addOption(switch (o.kind()) {
                case USAGE_HELP -> OptionSpec.builder(names).usageHelp(true).description(description).build();
                case VERSION_HELP -> OptionSpec.builder(names).versionHelp(true).description(description).build();
                case VERBOSITY -> ((GlobalOptions.Root) command).globalOptions().verbosityOption(names, description);
            });
        }
        ((PlainCommand) command).useSpec(spec);
        return spec;
    }

    /** Adds the subcommand of {@code e} in full: from the index where it holds its model, else by reflection. */
    private static void add(CommandLine cl, CommandIndex.Entry e, boolean indexed) {
        if (indexed && e.indexed()) {
            Object sub = instance(e.className());
            CommandSpec spec = describe(CommandSpec.wrapWithoutInspection(sub), e);
            if (e.plain()) {
                ((PlainCommand) sub).useSpec(spec);
            } else {
                IndexedMembers.bind(spec, sub, e.members());
            }
            cl.addSubcommand(e.name(), spec, e.aliases().toArray(new String[0]));
        } else {
            cl.addSubcommand(type(e.className()));
        }
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException("the command index names a missing class: " + name, ex);
        }
    }

    private static Object instance(String className) {
        try {
            return type(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot make a " + className, ex);
        }
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
            String unknown = unknownCommandAskedForHelp(root, parsed.originalArgs().toArray(new String[0]));
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
     * when no word names one, for picocli's "did you mean". Each stand-in costs a picocli command
     * line of its own (and an annotation read without an index), so a run that names its
     * subcommand makes none.
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

    /** Adds the one subcommand {@code named} names, if there is one. */
    private static boolean addNamed(CommandLine cl, List<CommandIndex.Entry> entries, Named named, boolean indexed) {
        for (CommandIndex.Entry e : entries) {
            if (e.namedIn(named.words())) {
                add(cl, e, indexed);
                return true;
            }
        }
        return false;
    }

    /** A subcommand that is listed but not built: its name, description and whether it is hidden. */
    private static CommandSpec standIn(CommandIndex.Entry e) {
        return describe(CommandSpec.create(), e);
    }

    private static CommandSpec describe(CommandSpec spec, CommandIndex.Entry e) {
        spec.name(e.name()).aliases(e.aliases().toArray(new String[0]));
        spec.usageMessage().description(e.description().toArray(new String[0])).header(e.header().toArray(new String[0]))
                .hidden(e.hidden());
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
