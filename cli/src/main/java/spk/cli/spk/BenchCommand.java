package spk.cli.spk;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;

/** {@code spk bench}: the solver on large outside catalogs (the Debian archive), beside their own tools. */
@Command(name = "bench", description = "Run the solver on a large outside catalog (a Debian Packages file).",
        subcommands = {BenchDistcheckCommand.class, BenchInstallCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }
}
