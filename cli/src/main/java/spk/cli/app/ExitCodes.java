package spk.cli.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import spk.error.SpkException;

/**
 * The one place where failures become messages and exit codes: 0 success, 1 unsatisfiable or
 * not found, 2 bad input or usage, 3 environment (disk, permissions), 70 an internal error.
 * Every failure is printed as {@code error: } lines on stderr, one per thing wrong; a usage
 * error is one line and a pointer to {@code --help}, not the whole usage.
 */
public final class ExitCodes implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {
    public static final int OK = 0;
    public static final int NOT_FOUND = 1;
    /** Bad input or usage: a malformed spec, request or flag, a file that is not there. */
    public static final int USAGE = 2;
    public static final int INTERNAL = 70;

    private final int verbosity;

    public ExitCodes(int verbosity) {
        this.verbosity = verbosity;
    }

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof SpkException e) {
            return e.kind().exitCode();
        }
        if (exception instanceof ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof SpkException e) {
            printError(err, e.getMessage());
        } else {
            err.println("error: internal error: " + ex);
            if (verbosity < 3) {
                err.println("(run again with -vvv to see where it happened)");
            }
        }
        if (verbosity >= 3) {
            ex.printStackTrace(err);
        }
        err.flush();
        return getExitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").strip();
        err.println("error: " + message + " (see '" + cl.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return USAGE;
    }

    /** The usage error of a command that needs a subcommand and was given none. */
    public static ParameterException missingSubcommand(CommandLine.Model.CommandSpec spec) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        spec.subcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName()) && !name.equals("help")) {
                names.add(name); // not aliases, nor picocli's help command
            }
        });
        return new ParameterException(spec.commandLine(), "a subcommand is required: " + String.join(", ", names));
    }

    /** Prints each line of {@code message} as its own {@code error: } line. */
    public static void printError(PrintWriter err, String message) {
        String text = message == null || message.isBlank() ? "failed" : message;
        text.lines().forEach(line -> err.println("error: " + line));
    }
}
