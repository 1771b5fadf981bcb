package spk.cli.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, wherever they appear on the command line. */
public final class GlobalOptions {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print more detail; repeat for more (-vv, -vvv shows internal stack traces).")
    private boolean[] verbose = new boolean[0];

    /** The options of the root command that {@code spec} belongs to. */
    public static GlobalOptions of(CommandSpec spec) {
        return ((Root) spec.root().userObject()).globalOptions();
    }

    /** A root command, which carries the global options for all its subcommands. */
    public interface Root {
        GlobalOptions globalOptions();
    }

    /** How many times -v was given. */
    public int verbosity() {
        return verbose.length;
    }
}
