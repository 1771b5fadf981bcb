package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.storage.Repositories;
import spfs.storage.fs.FsRepository;
import spk.builder.BinaryBuilder;
import spk.builder.ScratchFolders;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.error.SpkException;
import spk.grammar.option.OptionMap;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.Variants;
import spk.storage.RepositorySelection;
import spk.storage.SpfsPackageRepository;

/**
 * {@code spk build [RECIPE] [-o NAME=VALUE]... [-r REPO]...}: builds every variant of a recipe
 * (without RECIPE, the one {@code *.spk.yaml} in this folder, as SPK does) into binary packages
 * in the local spfs repository; the build environments come from the repositories the
 * repository flags select (local, then each {@code -r}, then origin).
 */
@Command(name = "build", description = "Build a recipe's variants into binary packages in the local repository.")
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Parameters(paramLabel = "RECIPE", arity = "0..1",
            description = "The recipe (*.spk.yaml); by default the one in the current folder.")
    Path recipeFile;

    @picocli.CommandLine.Option(names = "--variant", paramLabel = "INDEX|{opt: value}",
            description = "Build only this variant: its index in the recipe (from 0), or the options it must have.")
    String variant;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = SpkCommand.environment(spec);
        Config config = ConfigLoader.load(env);
        HostOptions host = HostOptions.detect();
        OptionMap given = options.options(host);
        Path file = recipeFile != null ? recipeFile : spk.spec.workspace.Workspace.onlyRecipeIn(Path.of(""));
        SpecFile loaded = SpkCommand.specLoader(spec).load(file, given).spec();
        if (!(loaded instanceof Recipe recipe)) {
            throw new BadBuildRequest(file + " is not a recipe (a package spec without a build)");
        }
        // builds are published to the local repository: make it when missing, before the others are read
        FsRepository localSpfs = new Repositories(config).local();
        List<PackageRepository> repos = solver.repositories();
        SpfsPackageRepository localPackages = repos.stream()
                .filter(r -> r.name().equals(RepositorySelection.LOCAL) && r instanceof SpfsPackageRepository)
                .map(SpfsPackageRepository.class::cast).findFirst()
                .orElseGet(() -> new SpfsPackageRepository(RepositorySelection.LOCAL, localSpfs, SpkCommand.specLoader(spec)));
        PrintWriter out = spec.commandLine().getOut();
        try (ScratchFolders scratch = new ScratchFolders()) {
            BinaryBuilder builder = new BinaryBuilder(new Solver(solver.backend()), repos, localPackages, host,
                    new RuntimeScriptRunner(env, localSpfs), scratch, config.newObjects(), config.tagAuthor());
            for (ResolvedVariant v : selected(Variants.of(recipe, given))) {
                BinaryBuilder.Built b = builder.build(recipe, file.toAbsolutePath().getParent(), v, given);
                out.println("built " + b.spec().pkg() + " " + b.layers().keySet());
                out.flush();
            }
        }
        return 0;
    }

    /** The variants --variant picks: one by index, or those whose options include the given ones. */
    private List<ResolvedVariant> selected(List<ResolvedVariant> all) {
        if (variant == null) {
            return all;
        }
        if (variant.strip().matches("\\d+")) {
            int i = Integer.parseInt(variant.strip());
            if (i >= all.size()) {
                throw new BadBuildRequest("--variant " + i + ": the recipe has " + all.size() + " variant(s), numbered from 0");
            }
            return List.of(all.get(i));
        }
        OptionMap wanted = OptionFlags.parse(variant);
        List<ResolvedVariant> out = all.stream().filter(v -> wanted.entries().entrySet().stream()
                .allMatch(e -> v.options().get(e.getKey()).map(e.getValue()::equals).orElse(false))).toList();
        if (out.isEmpty()) {
            throw new BadBuildRequest("--variant " + variant + ": no variant of the recipe has these options");
        }
        return out;
    }

    /** What to build was not a recipe, or no variant of it was selected. */
    static final class BadBuildRequest extends SpkException {
        private static final long serialVersionUID = 1L;

        BadBuildRequest(String message) {
            super("not-a-recipe", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
