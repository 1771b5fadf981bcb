package spk.cli.spk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spfs.ProgressReporter;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.RepositoryFlags;
import spk.cli.spk.flags.WorkspaceFlag;
import spk.grammar.build.Build;
import spk.grammar.ident.AnyIdent;
import spk.grammar.option.OptionMap;
import spk.solver.repository.PackageRepository;
import spk.spec.model.Recipe;
import spk.spec.variant.HostOptions;
import spk.spec.workspace.StageRequests;
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

    @Mixin
    OptionFlags options;

    @Mixin
    WorkspaceFlag workspace;

    @Parameters(index = "0", paramLabel = "NAME/VERSION[/BUILD]",
            description = "The version (recipe and every build) or build; or a recipe file (its version), or PKG@sources "
                    + "(its source package).")
    String pkg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The archive to write (default NAME_VERSION[_BUILD].spk).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AnyIdent ident = ident();
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

    /** What PKG names, as SPK reads it: a stage request, a recipe file, or NAME/VERSION[/BUILD]. */
    private AnyIdent ident() {
        if (StageRequests.isStageRequest(pkg) || Files.isRegularFile(Path.of(pkg))) {
            RecipeArguments recipes = new RecipeArguments(spec, workspace.dir(), () -> repositories.forReading(spec));
            OptionMap opts = options.options(HostOptions.detect());
            if (!StageRequests.isStageRequest(pkg)) {
                Recipe r = recipes.recipe(pkg, opts);
                return new AnyIdent(r.pkg().name(), r.pkg().version(), Optional.empty());
            }
            StageRequests.StageRequest stage = StageRequests.parse(pkg);
            if (stage.stage() != StageRequests.Stage.SOURCES) {
                throw new ParameterException(spec.commandLine(), "export takes PKG@sources only, not @"
                        + stage.stage().name().toLowerCase(java.util.Locale.ROOT));
            }
            Recipe r = recipes.recipe(stage.pkg(), opts);
            return new AnyIdent(r.pkg().name(), r.pkg().version(), Optional.of(Build.SOURCE));
        }
        return PackageArgument.versioned(pkg, "export");
    }
}
