package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;

/** {@code spfs runtime list|info|remove|prune}: the runtime records of this host. */
@Command(name = "runtime", aliases = "rt", description = "Manage runtime records: list, info, remove, prune.",
        subcommands = {RuntimeListCommand.class, RuntimeInfoCommand.class, RuntimeRemoveCommand.class,
            RuntimePruneCommand.class, CommandLine.HelpCommand.class})
public final class RuntimeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }
}
