package spk.cli.spk;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;
import spk.cli.app.GlobalOptions;

/** The root of the {@code spk} command line; each subcommand is its own class. */
@Command(name = "spk", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "A package manager for building and running software environments.",
        subcommands = {VersionCommand.class, ExplainCommand.class, EnvCommand.class, BuildCommand.class, MakeSourceCommand.class, MakeBinaryCommand.class, TestCommand.class, PublishCommand.class, LsCommand.class, LintCommand.class, NewCommand.class,
            NumVariantsCommand.class,
            ViewCommand.class, MakeRecipeCommand.class, CommandLine.HelpCommand.class})
public final class SpkCommand implements Callable<Integer>, GlobalOptions.Root {
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
