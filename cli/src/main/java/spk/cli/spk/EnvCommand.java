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
import spfs.mount.Linux;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeRequest;
import spfs.runtime.Runtimes;
import spk.cli.spfs.RuntimeSupport;
import spk.solver.Solution;
import spk.solver.SolveResult;
import spk.solver.repository.PackageRepository;

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
        // bound while the environment is solved
        Linux linux = dryRun ? null : RuntimeSupport.linuxForLaunch(spec);
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
        throw enter(spec, ((SolveResult.Solved) result).solution(), solver.repositories(), command, t0, linux);
    }

    /**
     * Runs {@code command} (a shell when empty) in a runtime whose stack is the solution's
     * component layers; returns only by throwing (entering replaces this process).
     *
     * @param spec the command running it (its root holds the environment to read)
     */
    static RuntimeException enter(CommandSpec spec, Solution solution, List<PackageRepository> repositories,
            List<String> command, long startNanos) {
        return enter(spec, solution, repositories, command, startNanos, RuntimeSupport.linuxForLaunch());
    }

    /** As above, making system calls through {@code linux}. */
    private static RuntimeException enter(CommandSpec spec, Solution solution, List<PackageRepository> repositories,
            List<String> command, long startNanos, Linux linux) {
        java.util.Map<String, String> env = SpkCommand.environment(spec);
        Runtimes runtimes = RuntimeSupport.runtimes(env, linux);
        List<Digest> layers;
        // packages from another repository (origin, a server) are copied in first, with a bar on a terminal
        try (spk.cli.spfs.ProgressReporter copying = spk.cli.spfs.ProgressReporter.forTerminal("copying packages")) {
            layers = spk.builder.SolutionLayers.of(solution, repositories,
                    runtimes.storage().repository(), copying);
        }
        // an empty environment is an editable /spfs, as 'spfs shell' with no layers
        RuntimeData rt = runtimes.create(RuntimeRequest.of(layers, command).withEditable(layers.isEmpty()));
        spec.commandLine().getOut().flush();
        // entering replaces this process with the command (or a shell); it returns only on failure
        return runtimes.enter(rt, true, startNanos);
    }
}
