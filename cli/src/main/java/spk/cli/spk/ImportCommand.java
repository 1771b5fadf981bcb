package spk.cli.spk;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.config.ConfigLoader;
import spfs.storage.Repositories;
import spfs.storage.fs.FsRepository;
import spk.cli.spfs.ProgressReporter;
import spk.storage.archive.PackageArchive;

/** {@code spk import FILE...}: copies package archives made by {@code spk export} into the local repository. */
@Command(name = "import", description = "Import package archives (made by spk export) into the local repository.")
public final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Archives to import.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FsRepository local = new Repositories(ConfigLoader.load(SpkCommand.environment(spec))).local();
        for (Path f : files) {
            PackageArchive.Copied copied;
            try (ProgressReporter bar = ProgressReporter.forTerminal("importing " + f.getFileName())) {
                copied = PackageArchive.importInto(f, local, bar);
            }
            spec.commandLine().getOut().println("imported " + f + ": " + copied.tags().size() + " tags, "
                    + copied.summary().payloadsSynced() + " payloads copied");
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
