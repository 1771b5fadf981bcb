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
        int commandLength = spk.cli.app.TrailingCommand.length(spec);
        List<String> requestArgs = commandLength < 0 ? requests : requests.subList(0, requests.size() - commandLength);
        List<String> command = commandLength < 0 ? List.of() : requests.subList(requests.size() - commandLength, requests.size());
        SolveResult result = ExplainCommand.run(options, solver, requestArgs, solver.pre());
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
        Stack stack = stack(((SolveResult.Solved) result).solution(), solver.repositories());
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(System.getenv());
        env.put("SPFS_STORAGE__ROOT", stack.repository().toString());
        List<String> args = new java.util.ArrayList<>();
        args.add(command.isEmpty() ? "shell" : "run");
        args.add(stack.layers().isEmpty() ? "-" : String.join("+", stack.layers()));
        if (!command.isEmpty()) {
            args.add("--");
            args.addAll(command);
        }
        out.flush();
        // spfs run replaces this process with the command; it returns only on failure
        return spk.cli.app.Cli.run(new spk.cli.spfs.SpfsCommand(env), args.toArray(String[]::new));
    }

    /** The layers of a solution, bottom first, and the spfs repository that holds them all. */
    record Stack(java.nio.file.Path repository, List<String> layers) {}

    private static Stack stack(spk.solver.Solution solution, List<spk.solver.repository.PackageRepository> repos) {
        java.util.Map<String, spk.storage.SpfsPackageRepository> byName = new java.util.HashMap<>();
        for (var r : repos) {
            if (r instanceof spk.storage.SpfsPackageRepository s) {
                byName.put(s.name(), s);
            }
        }
        java.nio.file.Path root = null;
        java.util.LinkedHashSet<String> layers = new java.util.LinkedHashSet<>();
        for (spk.solver.ResolvedPackage p : solution.packages()) {
            if (p.source() instanceof spk.solver.Source.Embedded) {
                continue; // its files come with the package that embeds it
            }
            if (!(p.source() instanceof spk.solver.Source.Repository from) || !byName.containsKey(from.name())) {
                throw new NotRunnable(p.spec().pkg() + (p.source() instanceof spk.solver.Source.BuildFromSource
                        ? " would have to be built from source first" : " comes from " + p.source()
                        + ", a catalog of specs without files") + "; an environment needs packages published to an spfs "
                        + "repository (use --dry-run to see the solution)");
            }
            spk.storage.SpfsPackageRepository repo = byName.get(from.name());
            if (root != null && !root.equals(repo.spfs().root())) {
                throw new NotRunnable("the solution's packages are in more than one spfs repository (" + root + ", "
                        + repo.spfs().root() + "); an environment needs them in one");
            }
            root = repo.spfs().root();
            java.util.Map<spk.grammar.ident.Component, spfs.encoding.Digest> published = repo.layers(p.spec().pkg());
            for (spk.grammar.ident.Component c : p.components()) {
                spfs.encoding.Digest d = published.get(c);
                if (d == null) {
                    throw new NotRunnable(p.spec().pkg() + ":" + c + " has no published layer in " + from.name());
                }
                layers.add(d.toString());
            }
        }
        if (root == null) {
            root = repos.stream().filter(r -> r instanceof spk.storage.SpfsPackageRepository)
                    .map(r -> ((spk.storage.SpfsPackageRepository) r).spfs().root()).findFirst()
                    .orElseThrow(() -> new NotRunnable("an environment needs an spfs repository (-r PATH)"));
        }
        return new Stack(root, List.copyOf(layers));
    }

    /** The solution cannot be entered: its packages have no files to mount. */
    static final class NotRunnable extends SpkException {
        private static final long serialVersionUID = 1L;

        NotRunnable(String message) {
            super("not-runnable", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
