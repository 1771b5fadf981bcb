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
 * {@code spk make-binary [RECIPE...]}: builds the chosen variants of each recipe (a file, or one
 * published in the repositories; by default the current folder's one) from its published source package, or with {@code --here} from
 * the current folder.
 */
@Command(name = "make-binary", aliases = {"mkbinary", "mkbin", "mkb"},
        description = "Build recipes' variants into binary packages from their source packages (or the current folder "
                + "with --here).")
public final class MakeBinaryCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Mixin
    BuildFlags build;

    @Parameters(paramLabel = "RECIPE", arity = "0..*",
            description = "The recipes: spec files (*.spk.yaml), or NAME[/VERSION] of recipes in the repositories; "
                    + "by default the one in the current folder.")
    List<String> recipes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<PackageSpec> toEnter = Optional.empty();
        try (BuildSession session = new BuildSession(spec, options, solver)) {
            PrintWriter out = spec.commandLine().getOut();
            for (String r : session.recipeArgs(recipes)) {
                toEnter = BinaryBuilds.build(session, session.recipe(r), build, out);
                if (toEnter.isPresent()) {
                    break;
                }
            }
        }
        // the scratch folders are gone before the environment replaces this process
        return toEnter.isPresent() ? BinaryBuilds.enter(spec, options, solver, toEnter.get()) : 0;
    }
}
