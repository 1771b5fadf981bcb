package spk.cli.app;

import java.util.Arrays;
import picocli.CommandLine;

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
        return new CommandLine(command)
                .setExecutionExceptionHandler(codes)
                .setExitCodeExceptionMapper(codes)
                .setCaseInsensitiveEnumValuesAllowed(true);
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
