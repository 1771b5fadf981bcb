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
        java.util.Map<String, String> env = System.getenv();
        List<String> layers = layers(((SolveResult.Solved) result).solution(), solver.repositories(),
                new spfs.storage.Repositories(spfs.config.ConfigLoader.load(env)).local());
        List<String> args = new java.util.ArrayList<>();
        args.add(command.isEmpty() ? "shell" : "run");
        args.add(layers.isEmpty() ? "-" : String.join("+", layers));
        if (!command.isEmpty()) {
            args.add("--");
            args.addAll(command);
        }
        out.flush();
        // spfs run replaces this process with the command; it returns only on failure
        return spk.cli.app.Cli.run(new spk.cli.spfs.SpfsCommand(env), args.toArray(String[]::new));
    }

    /**
     * The layers of a solution, bottom first, copied into the local spfs repository when they
     * live in another one (as SPK does), so the runtime can render them from there.
     */
    private static List<String> layers(spk.solver.Solution solution, List<spk.solver.repository.PackageRepository> repos,
            spfs.storage.fs.FsRepository local) {
        java.util.Map<String, spk.storage.SpfsPackageRepository> byName = new java.util.HashMap<>();
        for (var r : repos) {
            if (r instanceof spk.storage.SpfsPackageRepository s) {
                byName.put(s.name(), s);
            }
        }
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
            java.util.Map<spk.grammar.ident.Component, spfs.encoding.Digest> published = repo.layers(p.spec().pkg());
            for (spk.grammar.ident.Component c : p.components()) {
                spfs.encoding.Digest d = published.get(c);
                if (d == null) {
                    throw new NotRunnable(p.spec().pkg() + ":" + c + " has no published layer in " + from.name());
                }
                if (!repo.spfs().root().toAbsolutePath().normalize().equals(local.root().toAbsolutePath().normalize())) {
                    try (spfs.sync.Syncer sync = new spfs.sync.Syncer(repo.spfs(), local,
                            spfs.sync.SyncPolicy.MISSING_DATA_ONLY, 4, spfs.sync.SyncReporter.NONE)) {
                        sync.syncDigest(d);
                    }
                }
                layers.add(d.toString());
            }
        }
        return List.copyOf(layers);
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
