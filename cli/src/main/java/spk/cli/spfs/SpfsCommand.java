package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;
import spk.cli.app.GlobalOptions;

/** The root of the {@code spfs} command line; each subcommand is its own class. */
@Command(name = "spfs", mixinStandardHelpOptions = true, versionProvider = SpfsVersionCommand.Provider.class,
        description = "A content-addressed, per-process layered filesystem.",
        subcommands = {SpfsVersionCommand.class, CommandLine.HelpCommand.class})
public final class SpfsCommand implements Callable<Integer>, GlobalOptions.Root {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public GlobalOptions globalOptions() {
        return global;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
