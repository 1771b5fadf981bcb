package spk.cli.spk.flags;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;

/**
 * Where packages come from and how to solve: SPK's repository flags ({@code -r/--enable-repo},
 * {@code --disable-repo}, {@code -L/--local-repo-only}, {@code --no-local-repo}, {@code --when}),
 * {@code --allow-builds}, {@code --solver}.
 */
public final class SolverFlags {
    @Mixin
    private RepositoryFlags repositoryFlags = new RepositoryFlags();

    @Option(names = "--allow-builds", description = "Allow packages to be built from source when needed.")
    private boolean allowBuilds;

    @Option(names = "--solver", paramLabel = "sat4j|cpsat", description = "The SAT back end (default sat4j).")
    private Solver.Backend solver = Solver.Backend.SAT4J;

    @Option(names = {"-t", "--time"}, description = "Print how long the solve took and its size.")
    private boolean time;

    @Option(names = "--pre", description = "Allow pre-releases for the requests given on the command line.")
    private boolean pre;

    @Mixin
    private WorkspaceFlag workspace = new WorkspaceFlag();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private List<PackageRepository> loaded;

    public boolean time() {
        return time;
    }

    public boolean pre() {
        return pre;
    }

    /** The folder the workspace is looked for from. */
    public java.nio.file.Path workspace() {
        return workspace.dir();
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
            loaded = repositoryFlags.forReading(command);
        }
        return loaded;
    }
}
