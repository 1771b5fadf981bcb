package spk.cli.app;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Builds a picocli command line with this project's error handling and runs it. */
public final class Cli {
    private Cli() {}

    /** Runs {@code command} with {@code args} and returns the process exit code. */
    public static int run(Object command, String... args) {
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

    /** The configured command line for {@code command}, ready to execute {@code args}. */
    public static CommandLine commandLine(Object command, String... args) {
        ExitCodes codes = new ExitCodes(countVerbosity(args));
        CommandLine cl = new CommandLine(command)
                .setExecutionExceptionHandler(codes)
                .setExitCodeExceptionMapper(codes)
                .setParameterExceptionHandler(codes)
                .setCaseInsensitiveEnumValuesAllowed(true);
        addHelpOptions(cl);
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            String unknown = unknownCommandAskedForHelp(cl, parsed.originalArgs().toArray(String[]::new));
            if (unknown == null) {
                return run.execute(parsed);
            }
            cl.getErr().println("error: unknown command '" + unknown + "' (see '" + cl.getCommandName() + " --help')");
            cl.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
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
