package spk.cli.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spk completion SHELL} and {@code spfs completion SHELL}: a script that completes the
 * command line it belongs to in bash, zsh or fish. It walks the whole command tree, which a run
 * otherwise builds only for the subcommand it names.
 */
@Command(name = "completion", description = "Print a shell completion script for this command: bash, zsh or fish.")
public final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(CompletionScripts.script(Cli.completeCommandLine(spec.root().userObject()),
                CompletionScripts.shell(shell, spec)));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
