package spk.cli.spk.flags;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.config.ConfigLoader;
import spk.cli.spk.SpkCommand;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.storage.RepositorySelection;

/**
 * Where packages come from and how to solve: SPK's repository flags ({@code -r/--enable-repo},
 * {@code --disable-repo}, {@code -L/--local-repo-only}, {@code --no-local-repo}, {@code --when}),
 * {@code --allow-builds}, {@code --solver}.
 */
public final class SolverFlags {
    @Option(names = {"-r", "--enable-repo", "--repo"}, paramLabel = "NAME|PATH",
            description = "Also read this repository (after local, before origin): 'local', a configured spfs remote "
                    + "('origin'), NAME=PATH, or a path: an spfs repository, a folder of built package specs, or one "
                    + "YAML file of them. A name may end in a time, e.g. origin~10m or origin@2024-10-11. Repeatable.")
    private List<String> repos = new ArrayList<>();

    @Option(names = "--disable-repo", paramLabel = "NAME", description = "Leave out this repository ('local', 'origin', ...). Repeatable.")
    private List<String> disabled = new ArrayList<>();

    @Option(names = {"-L", "--local-repo-only"}, description = "Read the local repository only.")
    private boolean localOnly;

    @Option(names = "--no-local-repo", description = "Leave out the local repository.")
    private boolean noLocal;

    @Option(names = "--when", paramLabel = "TIME",
            description = "Read every spfs repository as it was at TIME: ~10m, ~2weeks (ago), @2024-10-11, @14:45.")
    private String when;

    @Option(names = "--allow-builds", description = "Allow packages to be built from source when needed.")
    private boolean allowBuilds;

    @Option(names = "--solver", paramLabel = "sat4j|cpsat", description = "The SAT back end (default sat4j).")
    private Solver.Backend solver = Solver.Backend.SAT4J;

    @Option(names = {"-t", "--time"}, description = "Print how long the solve took and its size.")
    private boolean time;

    @Option(names = "--pre", description = "Allow pre-releases for the requests given on the command line.")
    private boolean pre;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private List<PackageRepository> loaded;

    public boolean time() {
        return time;
    }

    public boolean pre() {
        return pre;
    }

    public boolean allowBuilds() {
        return allowBuilds;
    }

    public Solver.Backend backend() {
        return solver;
    }

    /** The repositories, opened once per command. */
    public List<PackageRepository> repositories() {
        if (loaded == null) {
            Map<String, String> env = SpkCommand.environment(command);
            RepositorySelection selection = new RepositorySelection(repos, disabled, noLocal, localOnly,
                    java.util.Optional.ofNullable(when));
            loaded = selection.open(ConfigLoader.load(env), SpkCommand.specLoader(command), Instant.now(),
                    ZoneId.systemDefault());
        }
        return loaded;
    }
}
