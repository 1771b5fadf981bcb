package spk.cli.spk;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.render.RenderSummary;
import spfs.storage.Repositories;
import spk.builder.SolutionRender;
import spk.cli.app.GlobalOptions;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.solver.SolveResult;

/**
 * {@code spk render REQUEST... PATH}: solves the requests and writes the environment's files
 * (what {@code /spfs} would hold) into the empty folder PATH, as SPK does.
 */
@Command(name = "render", description = "Solve requests and write the environment's /spfs contents into an empty folder.")
public final class RenderCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Parameters(paramLabel = "REQUEST... PATH", arity = "1..*",
            description = "Requests, as for spk env, then the empty folder to write into (made if missing).")
    List<String> args;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (args.size() < 2) {
            throw new ParameterException(spec.commandLine(), "give the requests and then the folder to render into");
        }
        Path target = Path.of(args.get(args.size() - 1));
        SolveResult result = ExplainCommand.run(spec, options, solver, args.subList(0, args.size() - 1), solver.pre());
        if (!(result instanceof SolveResult.Solved solved)) {
            SolveOutput.text(spec.commandLine().getOut(), result, GlobalOptions.of(spec).verbosity(), solver.time());
            spec.commandLine().getOut().flush();
            return 1;
        }
        Config config = ConfigLoader.load(SpkCommand.environment(spec));
        RenderSummary s = SolutionRender.render(solved.solution(), solver.repositories(), new Repositories(config).local(),
                target, Math.max(4, Runtime.getRuntime().availableProcessors() * 4), config.allowPayloadSharingBetweenUsers());
        spec.commandLine().getOut().println("rendered " + solved.solution().packages().size() + " packages into "
                + target.toAbsolutePath().normalize() + " (" + s.entries() + " entries)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
