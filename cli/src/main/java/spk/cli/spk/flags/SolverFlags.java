package spk.cli.spk.flags;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import spk.error.SpkException;
import spk.solver.Solver;
import spk.solver.repository.CatalogRepository;
import spk.solver.repository.PackageRepository;

/** Where packages come from and how to solve: {@code -r}, {@code --allow-builds}, {@code --solver}. */
public final class SolverFlags {
    @Option(names = {"-r", "--repo"}, paramLabel = "[NAME=]PATH",
            description = "A repository: an spfs repository holding SPK packages, a folder of built package specs "
                    + "(YAML), or one YAML file listing them. Repeatable; earlier ones first.")
    private List<String> repos = new ArrayList<>();

    @Option(names = "--allow-builds", description = "Allow packages to be built from source when needed.")
    private boolean allowBuilds;

    @Option(names = "--solver", paramLabel = "sat4j|cpsat", description = "The SAT back end (default sat4j).")
    private Solver.Backend solver = Solver.Backend.SAT4J;

    @Option(names = {"-t", "--time"}, description = "Print how long the solve took and its size.")
    private boolean time;

    @Option(names = "--pre", description = "Allow pre-releases for the requests given on the command line.")
    private boolean pre;

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

    /** True if any {@code -r} was given. */
    public boolean hasRepositories() {
        return !repos.isEmpty();
    }

    private List<PackageRepository> loaded;

    /** The repositories, loaded (once per command). */
    public List<PackageRepository> repositories() {
        if (repos.isEmpty()) {
            throw new NoRepositories();
        }
        if (loaded != null) {
            return loaded;
        }
        List<PackageRepository> out = new ArrayList<>();
        for (String r : repos) {
            int eq = r.indexOf('=');
            Path path = Path.of(eq < 0 ? r : r.substring(eq + 1));
            String name = eq < 0 ? nameOf(path) : r.substring(0, eq);
            if (spk.storage.SpfsPackageRepository.isSpfsRepository(path)) {
                // SPK's own repositories: packages as tags and layers in an spfs repository
                out.add(new spk.storage.SpfsPackageRepository(name,
                        spfs.storage.fs.FsRepository.open(path, java.util.Optional.empty()),
                        new spk.spec.SpecLoader(spk.cli.app.BuildInfo.load().version(), System.getenv())));
            } else {
                out.add(CatalogRepository.load(name, path));
            }
        }
        loaded = List.copyOf(out);
        return loaded;
    }

    private static String nameOf(Path path) {
        Path f = path.toAbsolutePath().normalize().getFileName();
        String n = f == null ? "repo" : f.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** No repository was given. */
    static final class NoRepositories extends SpkException {
        private static final long serialVersionUID = 1L;

        NoRepositories() {
            super("no-repositories", "no repositories to solve from; give one or more with -r PATH "
                    + "(a folder of built package specs, or one YAML file of them)");
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
