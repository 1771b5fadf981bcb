package spk.cli.spk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.storage.Repositories;
import spfs.storage.fs.FsRepository;
import spk.builder.BinaryBuilder;
import spk.builder.BuildProgress;
import spk.builder.PackageTester;
import spk.builder.ScratchFolders;
import spk.builder.SourcePackageBuilder;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.cli.spk.flags.VariantFlags;
import spk.error.SpkException;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.version.Version;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.spec.model.PackageSpec;
import spk.spec.model.Platform;
import spk.spec.model.Recipe;
import spk.spec.SpecLoader;
import spk.spec.model.SpecFile;
import spk.spec.variant.HostOptions;
import spk.spec.variant.PlatformRecipes;
import spk.spec.variant.VariantSelection;
import spk.spec.workspace.Workspace;
import spk.spec.write.SpecWriter;
import spk.storage.RepositorySelection;
import spk.storage.SpfsPackageRepository;

/**
 * What {@code build}, {@code make-source}, {@code make-binary} and {@code test} share: the local
 * repository (where builds go), the repositories to resolve from (as the repository flags select
 * them: local, then each {@code -r}, then origin), the options, the scratch folders and processes
 * of the run (removed however it ends), and how a command-line argument names a recipe.
 */
final class BuildSession implements AutoCloseable {
    /** A recipe to work on and the folder its local sources are relative to. */
    record Target(Recipe recipe, Path root) {}

    final Map<String, String> env;
    final Config config;
    final SpfsPackageRepository localPackages;
    final List<PackageRepository> repositories;
    final HostOptions host = HostOptions.detect();
    final OptionMap options;
    final boolean noHost;
    private final SpecLoader loader;
    private final Path workspaceDir;
    private final Solver solver;
    private final ScratchFolders scratch = new ScratchFolders();

    /** @param command the command being run (its root holds the environment to read) */
    BuildSession(CommandSpec command, OptionFlags optionFlags, SolverFlags solverFlags) {
        this.env = SpkCommand.environment(command);
        this.config = ConfigLoader.load(env);
        this.loader = SpkCommand.specLoader(command);
        this.workspaceDir = solverFlags.workspace();
        this.options = optionFlags.options(host);
        this.noHost = optionFlags.noHost();
        // builds are published to the local repository: made when missing, before the others are read
        FsRepository local = new Repositories(config).local();
        this.repositories = solverFlags.repositories();
        this.localPackages = repositories.stream()
                .filter(r -> r.name().equals(RepositorySelection.LOCAL) && r instanceof SpfsPackageRepository)
                .map(SpfsPackageRepository.class::cast).findFirst()
                .orElseGet(() -> new SpfsPackageRepository(RepositorySelection.LOCAL, local, loader));
        this.solver = new Solver(solverFlags.backend());
    }

    /** The recipes the arguments name; without any, the one recipe ({@code *.spk.yaml}) of the current folder, as SPK. */
    List<String> recipeArgs(List<String> args) {
        return args == null || args.isEmpty()
                ? List.of(Workspace.onlyRecipeIn(Path.of("")).toString())
                : args;
    }

    /**
     * The recipe an argument names, as SPK finds it: a spec file (a recipe, or a platform, built
     * as its recipe); a name or {@code NAME/VERSION} in the workspace (a template rendered with that
     * version); else {@code NAME[/VERSION]} of a recipe published in the repositories (the highest
     * version when none is given), whose local sources are then relative to the current folder.
     */
    Target recipe(String arg) {
        Path file = Path.of(arg);
        OptionMap given = options;
        if (!Files.isRegularFile(file) && !arg.endsWith(".yaml") && !arg.endsWith(".yml")) {
            Workspace.Found found;
            try {
                found = Workspace.discover(workspaceDir).resolve(arg);
            } catch (Workspace.NotInWorkspace e) {
                return published(arg, e);
            }
            file = found.file();
            if (found.version().isPresent() && options.get("version").isEmpty()) {
                given = options.with("version", found.version().get().toSerialized());
            }
        }
        SpecFile spec = loader.load(file, given).spec();
        Path root = file.toAbsolutePath().normalize().getParent();
        if (spec instanceof Recipe r) {
            return new Target(r, root);
        }
        if (spec instanceof Platform p) {
            try {
                return new Target(PlatformRecipes.toRecipe(p, this::baseBuild), root);
            } catch (IllegalArgumentException e) {
                throw new BadBuildRequest(arg + ": " + e.getMessage());
            }
        }
        throw new BadBuildRequest(file + " is not a recipe (a package spec without a build)");
    }

    /** The recipe published for {@code NAME[/VERSION]} in the repositories, when the workspace has none. */
    private Target published(String arg, Workspace.NotInWorkspace notInWorkspace) {
        AnyIdent ident;
        try {
            ident = arg.contains("/") ? AnyIdent.parse(arg) : null;
        } catch (RuntimeException e) {
            throw new BadBuildRequest(arg + " is neither a spec file nor NAME[/VERSION]: " + e.getMessage());
        }
        PkgName name = ident != null ? ident.name() : PkgName.parse(arg);
        for (PackageRepository repo : repositories) {
            List<Version> versions = new ArrayList<>(repo.versions(name));
            versions.sort(java.util.Comparator.reverseOrder());
            for (Version v : versions) {
                if (ident != null && !v.equals(ident.version())) {
                    continue;
                }
                Optional<Recipe> r = repo.recipe(name, v);
                if (r.isPresent()) {
                    return new Target(r.get(), Path.of("").toAbsolutePath());
                }
            }
        }
        throw new NoSuchRecipe("no recipe of " + arg + " in " + repositories.stream().map(PackageRepository::name).toList()
                + " (and " + notInWorkspace.getMessage() + ")");
    }

    /** A base platform's published build, for building a platform that names it. */
    private Optional<PackageSpec> baseBuild(VersionIdent base) {
        for (PackageRepository repo : repositories) {
            for (PackageSpec b : repo.builds(base.name(), base.version())) {
                if (!b.pkg().build().isSource()) {
                    return Optional.of(b);
                }
            }
        }
        return Optional.empty();
    }

    /** The variants of a recipe the flags choose. */
    List<VariantSelection.Selected> variants(VariantFlags flags, Recipe recipe) {
        try {
            return flags.select(recipe, options, host, noHost);
        } catch (IllegalArgumentException e) {
            throw new BadBuildRequest(e.getMessage());
        }
    }

    /** As SPK's builds do, the recipe being built is saved to the local repository (replacing it). */
    void publishRecipe(Recipe recipe) {
        localPackages.publishRecipe(SpecWriter.write(recipe), config.newObjects(), config.tagAuthor());
    }

    SourcePackageBuilder sources(BuildProgress progress) {
        return new SourcePackageBuilder(localPackages, config.newObjects(), config.tagAuthor(), progress,
                runner(), scratch);
    }

    BinaryBuilder binaries(BuildProgress progress) {
        return new BinaryBuilder(solver, repositories, localPackages, host, runner(), config.newObjects(),
                config.tagAuthor(), progress);
    }

    PackageTester tester(BuildProgress progress) {
        return new PackageTester(solver, repositories, localPackages, host, runner(), progress);
    }

    private RuntimeScriptRunner runner() {
        return new RuntimeScriptRunner(env, localPackages.spfs(), scratch);
    }

    /** Removes what is left of the run's scratch folders and stops its processes. */
    @Override
    public void close() {
        scratch.close();
        IndexUpkeep.refresh(java.util.List.of(localPackages), new java.io.PrintWriter(System.err, true));
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

    /** A well-formed NAME[/VERSION] that no repository holds a recipe of: not found. */
    static final class NoSuchRecipe extends SpkException {
        private static final long serialVersionUID = 1L;

        NoSuchRecipe(String message) {
            super("no-such-recipe", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
