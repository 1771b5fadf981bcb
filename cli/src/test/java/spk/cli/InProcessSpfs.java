package spk.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import spk.cli.app.Cli;
import spk.cli.spfs.SpfsCommand;

/** Runs an spfs command line in this JVM, configured by {@code env}: its exit code and output. */
final class InProcessSpfs {
    private InProcessSpfs() {}

    /** What one command line did. */
    record Run(int exit, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        CommandLine cl = Cli.commandLine(new SpfsCommand(env), args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
