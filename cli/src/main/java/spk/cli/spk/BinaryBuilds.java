package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import spk.builder.BinaryBuilder;
import spk.builder.BinaryBuilder.BuildSource;
import spk.cli.spk.flags.BuildFlags;
import spk.spec.model.PackageSpec;
import spk.spec.variant.VariantSelection;

/** The make-binary half of {@code spk build} and {@code spk make-binary}. */
final class BinaryBuilds {
    private BinaryBuilds() {}

    /**
     * Saves the recipe to the local repository, then builds the chosen variants from its source
     * package (or the current folder with --here); with --env, enters an environment with the
     * first build and returns that environment's exit code.
     *
     * @return the exit code when --env entered an environment, else empty
     */
    static java.util.OptionalInt build(BuildSession session, BuildSession.Target target, BuildFlags flags,
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
                    progress.close();
                    return java.util.OptionalInt.of(enter(b.spec()));
                }
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** {@code spk env} with exactly this build, from the local repository. */
    private static int enter(PackageSpec built) {
        String request = built.pkg().name().value() + "/==" + built.pkg().version() + "/" + built.pkg().build();
        return spk.cli.app.Cli.run(new SpkCommand(), "env", request);
    }
}
