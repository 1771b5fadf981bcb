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
import spk.cli.spk.flags.SolverFlags;
import spfs.encoding.Digest;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeRequest;
import spfs.runtime.Runtimes;
import spk.cli.spfs.RuntimeSupport;
import spk.solver.SolveResult;

/**
 * {@code spk env REQUEST... [-- CMD...]}: solves, then runs the command (or a shell) in an spfs
 * runtime whose stack is the solution's component layers, as SPK does; with {@code --dry-run}
 * only prints the solution.
 */
@Command(name = "env", aliases = {"run", "shell"}, description = "Resolve requests and enter an environment with them.")
public final class EnvCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = "--dry-run", description = "Only solve and print the solution.")
    boolean dryRun;

    @Option(names = "--format", description = "text (default) or json.")
    ExplainCommand.Format format = ExplainCommand.Format.text;

    @Parameters(paramLabel = "REQUEST [-- CMD]", arity = "0..*",
            description = "Requests, as for spk explain; after --, the command to run (default: a shell).")
    List<String> requests = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        int commandLength = spk.cli.app.TrailingCommand.length(spec);
        List<String> requestArgs = commandLength < 0 ? requests : requests.subList(0, requests.size() - commandLength);
        List<String> command = commandLength < 0 ? List.of() : requests.subList(requests.size() - commandLength, requests.size());
        SolveResult result = ExplainCommand.run(spec, options, solver, requestArgs, solver.pre());
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun || result instanceof SolveResult.Unsatisfiable) {
            if (format == ExplainCommand.Format.json) {
                SolveOutput.json(out, result);
            } else {
                SolveOutput.text(out, result, GlobalOptions.of(spec).verbosity(), solver.time());
            }
            out.flush();
            return result instanceof SolveResult.Solved ? 0 : 1;
        }
        java.util.Map<String, String> env = SpkCommand.environment(spec);
        Runtimes runtimes = RuntimeSupport.runtimes(env);
        List<Digest> layers = spk.builder.SolutionLayers.of(((SolveResult.Solved) result).solution(), solver.repositories(),
                runtimes.storage().repository());
        // an empty environment is an editable /spfs, as 'spfs shell' with no layers
        RuntimeData rt = runtimes.create(RuntimeRequest.of(layers, command).withEditable(layers.isEmpty()));
        out.flush();
        // entering replaces this process with the command (or a shell); it returns only on failure
        throw runtimes.enter(rt, true, t0);
    }
}
