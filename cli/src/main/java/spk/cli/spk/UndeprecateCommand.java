package spk.cli.spk;

import picocli.CommandLine.Command;

/** {@code spk undeprecate PKG...}: the reverse of {@link DeprecateCommand}, with the same arguments. */
@Command(name = "undeprecate", description = "Undeprecate (restore) package versions or builds in a repository (local unless -r).")
public final class UndeprecateCommand extends DeprecateCommand {
    @Override
    boolean deprecating() {
        return false;
    }
}
