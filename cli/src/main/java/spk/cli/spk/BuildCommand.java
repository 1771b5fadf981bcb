package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
import spk.storage.SpfsPackageRepository;

/**
 * {@code spk build RECIPE [-o NAME=VALUE]... [-r REPO]...}: builds every variant of a recipe
 * into binary packages in the local spfs repository; the build environments come from there
 * and from the {@code -r} repositories.
 */
@Command(name = "build", description = "Build a recipe's variants into binary packages in the local repository.")
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Parameters(paramLabel = "RECIPE", description = "The recipe (*.spk.yaml).")
    Path recipeFile;

    @picocli.CommandLine.Option(names = "--variant", paramLabel = "INDEX|{opt: value}",
            description = "Build only this variant: its index in the recipe (from 0), or the options it must have.")
    String variant;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = SpecFiles.env();
        Config config = ConfigLoader.load(env);
        FsRepository local = new Repositories(config).local();
        HostOptions host = HostOptions.detect();
        OptionMap given = options.options(host);
        SpecFile file = SpecFiles.load(recipeFile, given).spec();
        if (!(file instanceof Recipe recipe)) {
            throw new BadBuildRequest(recipeFile + " is not a recipe (a package spec without a build)");
        }
        SpfsPackageRepository localPackages = new SpfsPackageRepository("local", local, SpecFiles.loader());
        List<PackageRepository> repos = new ArrayList<>(List.of(localPackages));
        if (solver.hasRepositories()) {
            repos.addAll(solver.repositories());
        }
        BinaryBuilder builder = new BinaryBuilder(new Solver(solver.backend()), repos, localPackages, host,
                new RuntimeScriptRunner(env, local), config.newObjects(), config.tagAuthor());
        PrintWriter out = spec.commandLine().getOut();
        for (ResolvedVariant v : selected(Variants.of(recipe, given))) {
            BinaryBuilder.Built b = builder.build(recipe, recipeFile.toAbsolutePath().getParent(), v, given);
            out.println("built " + b.spec().pkg() + " " + b.layers().keySet());
            out.flush();
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
