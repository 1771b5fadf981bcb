package spk.cli.app;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
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

    /** The configured command line for {@code command}, ready to execute {@code args}. */
    public static CommandLine commandLine(Object command, String... args) {
        ExitCodes codes = new ExitCodes(countVerbosity(args));
        CommandLine cl = new CommandLine(command)
                .setExecutionExceptionHandler(codes)
                .setExitCodeExceptionMapper(codes)
                .setParameterExceptionHandler(codes)
                .setCaseInsensitiveEnumValuesAllowed(true);
        addHelpOptions(cl);
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
