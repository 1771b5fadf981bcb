package spk.cli.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;
import spk.error.SpkException;

/**
 * The one place where failures become messages and exit codes: 0 success, 1 unsatisfiable,
 * 2 bad input or usage, 3 environment (disk, permissions), 70 an internal error.
 */
public final class ExitCodes implements IExitCodeExceptionMapper, IExecutionExceptionHandler {
    public static final int OK = 0;
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
        if (exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof SpkException e) {
            err.println("error: " + e.getMessage());
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
}
