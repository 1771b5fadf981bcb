package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.BuildFlags;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.spec.model.PackageSpec;

/**
 * {@code spk build [RECIPE...]}: as SPK, make-source then make-binary for each recipe (without
 * one, the one {@code *.spk.yaml} of the current folder): its source package and every chosen
 * variant as binary packages in the local spfs repository; the build environments come from the
 * repositories the repository flags select (local, then each {@code -r}, then origin).
 */
@Command(name = "build", aliases = {"make", "mk"},
        description = "Build recipes: their source packages, then their variants as binary packages, into the local "
                + "repository.")
public final class BuildCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Mixin
    BuildFlags build;

    @Parameters(paramLabel = "RECIPE", arity = "0..*",
            description = "The recipes: spec files (*.spk.yaml), or NAME[/VERSION] in the workspace or of recipes in the "
                    + "repositories; by default the one in the current folder.")
    List<String> recipes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<PackageSpec> toEnter = Optional.empty();
        try (BuildSession session = new BuildSession(spec, options, solver)) {
            PrintWriter out = spec.commandLine().getOut();
            for (String r : session.recipeArgs(recipes)) {
                BuildSession.Target target = session.recipe(r);
                session.variants(build.variants, target.recipe()); // a bad --variant fails before anything is made
                if (!build.here) {
                    MakeSourceCommand.make(session, target, out);
                }
                toEnter = BinaryBuilds.build(session, target, build, out);
                if (toEnter.isPresent()) {
                    break;
                }
            }
        }
        // the scratch folders are gone before the environment replaces this process
        return toEnter.isPresent() ? BinaryBuilds.enter(spec, options, solver, toEnter.get()) : 0;
    }
}
