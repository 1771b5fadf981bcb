package spk.cli.spk;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;

/** {@code spk repo index}: upkeep of whole repositories. */
@Command(name = "repo", description = "Manage repositories as a whole: index.",
        subcommands = {RepoIndexCommand.class, CommandLine.HelpCommand.class})
public final class RepoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }
}
