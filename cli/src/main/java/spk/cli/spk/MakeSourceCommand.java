package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.builder.BinaryBuilder;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;

/**
 * {@code spk make-source [RECIPE...]}: collects each recipe's sources into its source package
 * ({@code NAME/VERSION/src}) and publishes it, with the recipe, to the local repository; without
 * a recipe, the one {@code *.spk.yaml} of the current folder, as SPK does.
 */
@Command(name = "make-source", aliases = {"mksource", "mksrc", "mks"},
        description = "Collect recipes' sources into source packages (NAME/VERSION/src) in the local repository.")
public final class MakeSourceCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Parameters(paramLabel = "RECIPE", arity = "0..*",
            description = "The recipes: spec files (*.spk.yaml), or NAME[/VERSION] of recipes in the repositories; "
                    + "by default the one in the current folder.")
    List<String> recipes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (BuildSession session = new BuildSession(spec, options, solver)) {
            PrintWriter out = spec.commandLine().getOut();
            for (String r : session.recipeArgs(recipes)) {
                make(session, session.recipe(r), out);
            }
        }
        return 0;
    }

    /** Makes and publishes one recipe's source package (and saves the recipe), as SPK's make-source. */
    static void make(BuildSession session, BuildSession.Target target, PrintWriter out) {
        session.publishRecipe(target.recipe());
        BinaryBuilder.Built src;
        try (TerminalProgress progress = TerminalProgress.forTerminal("make-source " + target.recipe().pkg(), 2)) {
            src = session.sources(progress).build(target.recipe(), target.root());
        }
        out.println("built " + src.spec().pkg() + " " + src.layers().keySet());
        out.flush();
    }
}
