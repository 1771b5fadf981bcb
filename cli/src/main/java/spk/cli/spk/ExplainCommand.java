package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.app.GlobalOptions;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.RequestArgs;
import spk.cli.spk.flags.SolverFlags;
import spk.grammar.option.OptionMap;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.spec.variant.HostOptions;

/**
 * {@code spk explain REQUEST...}: solves and prints the decisions and the solution, or why
 * there is none. Exit 0 solved, 1 unsatisfiable, 2 bad input.
 */
@Command(name = "explain", description = "Solve requests and show the decisions and the solution, or why there is none.")
public final class ExplainCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, json }

    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = "--format", description = "text (default) or json.")
    Format format = Format.text;

    @Parameters(paramLabel = "REQUEST", arity = "0..*",
            description = "pkg[/range], a YAML request '{pkg: ..., include: IfAlreadyPresent}', or a requests file.")
    List<String> requests = List.of();

    @Spec
    CommandSpec spec;

    /** The extra verbosity of explain over the other solving commands, as in SPK. */
    int extraVerbosity() {
        return 1;
    }

    @Override
    public Integer call() throws Exception {
        SolveResult result = run(spec, options, solver, requests, solver.pre());
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            SolveOutput.json(out, result);
        } else {
            SolveOutput.text(out, result, GlobalOptions.of(spec).verbosity() + extraVerbosity(), solver.time());
        }
        out.flush();
        return result instanceof SolveResult.Solved ? 0 : 1;
    }

    static SolveResult run(CommandSpec spec, OptionFlags options, SolverFlags solver, List<String> requests, boolean pre) {
        OptionMap opts = options.options(HostOptions.detect());
        RequestArgs.Parsed parsed = RequestArgs.parse(requests, opts, pre, SpkCommand.specLoader(spec),
                new RecipeArguments(spec, solver.workspace(), solver::repositories));
        OptionMap all = opts.with(parsed.extraOptions());
        SolveRequest request = new SolveRequest(solver.repositories(), parsed.requests(), all, solver.allowBuilds());
        return new Solver(solver.backend(), spk.solver.compile.SolveEncoding.DEFAULT_FIRST_VERSIONS,
                SpkConfig.load(SpkCommand.environment(spec)).solverOrder()).solve(request);
    }
}
