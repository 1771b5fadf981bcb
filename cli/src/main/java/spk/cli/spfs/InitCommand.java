package spk.cli.spfs;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;
import spfs.storage.fs.FsRepository;

/** {@code spfs init repo PATH}. */
@Command(name = "init", description = "Create empty spfs structures.", subcommands = InitCommand.Repo.class)
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }

    /** {@code spfs init repo PATH}. */
    @Command(name = "repo", description = "Create an empty file system repository (existing data is kept).")
    static final class Repo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", description = "Where the repository goes.")
        Path path;

        @Override
        public Integer call() {
            FsRepository r = FsRepository.create(path, Optional.empty());
            spec.commandLine().getOut().println("initialized spfs repository at " + r.root());
            return 0;
        }
    }
}
