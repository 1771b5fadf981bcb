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
import spk.error.SpkException;
import spk.solver.SolveResult;

/**
 * {@code spk env REQUEST... [--dry-run]}: solves and enters an environment with the solution;
 * with {@code --dry-run} only prints the solution.
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

    @Parameters(paramLabel = "REQUEST", arity = "0..*", description = "Requests, as for spk explain.")
    List<String> requests = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!dryRun) {
            throw new NoRuntime();
        }
        SolveResult result = ExplainCommand.run(options, solver, requests, solver.pre());
        PrintWriter out = spec.commandLine().getOut();
        if (format == ExplainCommand.Format.json) {
            SolveOutput.json(out, result);
        } else {
            SolveOutput.text(out, result, GlobalOptions.of(spec).verbosity(), solver.time());
        }
        out.flush();
        return result instanceof SolveResult.Solved ? 0 : 1;
    }

    /** Entering an environment needs the spfs runtime. */
    static final class NoRuntime extends SpkException {
        private static final long serialVersionUID = 1L;

        NoRuntime() {
            super("no-runtime", "entering an environment needs the spfs runtime, which this build does not have yet; "
                    + "use --dry-run to see the solution");
        }

        @Override
        public Kind kind() {
            return Kind.ENVIRONMENT;
        }
    }
}
