package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.BuildFlags;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;

/**
 * {@code spk build RECIPE...}: as SPK, make-source then make-binary for each recipe: its source
 * package and every chosen variant as binary packages in the local spfs repository; the build
 * environments come from there and from the {@code -r} repositories.
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

    @Parameters(paramLabel = "RECIPE", arity = "1..*",
            description = "The recipes: spec files (*.spk.yaml), or NAME[/VERSION] of recipes in the repositories.")
    List<String> recipes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BuildSession session = new BuildSession(options, solver);
        PrintWriter out = spec.commandLine().getOut();
        for (String r : recipes) {
            BuildSession.Target target = session.recipe(r);
            session.variants(build.variants, target.recipe()); // a bad --variant fails before anything is made
            if (!build.here) {
                MakeSourceCommand.make(session, target, out);
            }
            OptionalInt entered = BinaryBuilds.build(session, target, build, out);
            if (entered.isPresent()) {
                return entered.getAsInt();
            }
        }
        return 0;
    }
}
