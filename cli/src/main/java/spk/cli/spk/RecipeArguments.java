package spk.cli.spk;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import spk.cli.spk.flags.RequestArgs;
import spk.grammar.ident.VersionIdent;
import spk.grammar.option.OptionMap;
import spk.solver.repository.PackageRepository;
import spk.spec.SpecLoader;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.workspace.Workspace;

/**
 * A recipe named on the command line as SPK finds it: a file, a package name or {@code
 * NAME/VERSION} in the workspace (a template rendered with that version), else the recipe
 * published for that version in the repositories.
 */
final class RecipeArguments implements RequestArgs.Recipes {
    private final SpecLoader loader;
    private final Path workspaceDir;
    private final Supplier<List<PackageRepository>> repositories;

    RecipeArguments(CommandSpec spec, Path workspaceDir, Supplier<List<PackageRepository>> repositories) {
        this.loader = SpkCommand.specLoader(spec);
        this.workspaceDir = workspaceDir;
        this.repositories = repositories;
    }

    /** A spec loaded from the workspace (or a file), rendered with {@code options} and the version asked for. */
    record Loaded(Path file, SpecFile spec) {}

    /** The spec file the argument names in the workspace, loaded; the workspace's error when there is none. */
    Loaded load(String argument, OptionMap options) {
        if (argument.endsWith(".yaml") || argument.endsWith(".yml")) {
            // a spec file, there or not: read (and reported) as every command reads one
            return new Loaded(Path.of(argument), loader.load(Path.of(argument), options).spec());
        }
        Workspace.Found found = Workspace.discover(workspaceDir).resolve(argument);
        OptionMap opts = found.version().isPresent() && options.get("version").isEmpty()
                ? options.with("version", found.version().get().toSerialized()) : options;
        return new Loaded(found.file(), loader.load(found.file(), opts).spec());
    }

    @Override
    public Recipe recipe(String pkg, OptionMap options) {
        SpecFile spec;
        Path file;
        try {
            Loaded l = load(pkg, options);
            spec = l.spec();
            file = l.file();
        } catch (Workspace.NotInWorkspace e) {
            Optional<Recipe> published = published(pkg);
            if (published.isPresent()) {
                return published.get();
            }
            throw e;
        }
        if (!(spec instanceof Recipe r)) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    "expected a package recipe (api: v0/package without a build)"));
        }
        return r;
    }

    /** The recipe published for NAME/VERSION in the first repository that has one. */
    private Optional<Recipe> published(String pkg) {
        VersionIdent ident;
        try {
            ident = VersionIdent.parse(pkg);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return repositories.get().stream().map(r -> r.recipe(ident.name(), ident.version())).flatMap(Optional::stream)
                .findFirst();
    }
}
