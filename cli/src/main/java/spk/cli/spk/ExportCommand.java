package spk.cli.spk;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spfs.ProgressReporter;
import spk.cli.spk.flags.RepositoryFlags;
import spk.grammar.ident.AnyIdent;
import spk.solver.repository.PackageRepository;
import spk.storage.PackageArgument;
import spk.storage.SpfsPackageRepository;
import spk.storage.archive.PackageArchive;

/**
 * {@code spk export NAME/VERSION[/BUILD] [FILE]}: writes a package archive (by default
 * {@code NAME_VERSION[_BUILD].spk}), an spfs tar repository of the version's recipe and builds as
 * SPK makes it; {@code spk import} reads it back.
 */
@Command(name = "export", description = "Export a package version or build as a tar archive (NAME_VERSION[_BUILD].spk).")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repositories;

    @Parameters(index = "0", paramLabel = "NAME/VERSION[/BUILD]", description = "The version (recipe and every build) or build.")
    String pkg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The archive to write (default NAME_VERSION[_BUILD].spk).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AnyIdent ident = PackageArgument.versioned(pkg, "export");
        List<PackageRepository> repos = repositories.forReading(spec);
        List<SpfsPackageRepository> spfs = repos.stream().filter(r -> r instanceof SpfsPackageRepository)
                .map(SpfsPackageRepository.class::cast).toList();
        Path target = file != null ? file : PackageArchive.defaultFile(ident);
        PackageArchive.Copied copied;
        try (ProgressReporter bar = ProgressReporter.forTerminal("exporting")) {
            copied = PackageArchive.export(spfs, ident, target, bar);
        }
        spec.commandLine().getOut().println("created " + target + ": " + copied.tags().size() + " tags, "
                + copied.summary().payloadsSynced() + " payloads");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
