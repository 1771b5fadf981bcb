package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import spk.builder.BinaryBuilder;
import spk.builder.BinaryBuilder.BuildSource;
import spk.cli.app.GlobalOptions;
import spk.cli.spk.flags.BuildFlags;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.solver.SolveResult;
import spk.spec.model.PackageSpec;
import spk.spec.variant.VariantSelection;

/** The make-binary half of {@code spk build} and {@code spk make-binary}. */
final class BinaryBuilds {
    private BinaryBuilds() {}

    /**
     * Saves the recipe to the local repository, then builds the chosen variants from its source
     * package (or the current folder with --here); with --env, stops after the first build.
     *
     * @return with --env, the build to enter an environment with (see {@link #enter})
     */
    static Optional<PackageSpec> build(BuildSession session, BuildSession.Target target, BuildFlags flags,
            PrintWriter out) {
        session.publishRecipe(target.recipe());
        List<VariantSelection.Selected> variants = session.variants(flags.variants, target.recipe());
        BuildSource source = flags.here ? new BuildSource.LocalPath(Path.of("").toAbsolutePath())
                : BuildSource.of(target.recipe());
        try (TerminalProgress progress = TerminalProgress.forTerminal("build " + target.recipe().pkg(),
                7L * variants.size())) {
            BinaryBuilder builder = session.binaries(progress);
            for (VariantSelection.Selected v : variants) {
                BinaryBuilder.Built b = builder.build(target.recipe(), source, v.variant(), session.options,
                        new BinaryBuilder.Settings(flags.interactive, flags.env, flags.allowCircularDependencies));
                out.println("built " + b.spec().pkg() + " " + b.layers().keySet());
                out.flush();
                if (flags.env) {
                    return Optional.of(b.spec());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * As {@code spk env} with exactly this build (the command's repositories, the new build in
     * local), through the runtime library as spk env does; returns only when that cannot be
     * solved (exit 1, the reason printed), else replaces this process.
     */
    static int enter(CommandSpec spec, OptionFlags options, SolverFlags solver, PackageSpec built) {
        long t0 = System.nanoTime();
        String request = built.pkg().name().value() + "/==" + built.pkg().version() + "/" + built.pkg().build();
        SolveResult result = ExplainCommand.run(spec, options, solver, List.of(request), false);
        if (result instanceof SolveResult.Unsatisfiable) {
            PrintWriter out = spec.commandLine().getOut();
            SolveOutput.text(out, result, GlobalOptions.of(spec).verbosity(), solver.time());
            out.flush();
            return 1;
        }
        throw EnvCommand.enter(spec, ((SolveResult.Solved) result).solution(), solver.repositories(), List.of(), t0);
    }
}
