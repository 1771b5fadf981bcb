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

    /** True if, without {@code -r}, there are repositories to solve from (see {@link #repositories()}). */
    public boolean hasDefaultRepositories() {
        return !defaults().isEmpty();
    }

    private List<PackageRepository> defaults;

    /**
     * As SPK: without {@code -r}, the local spfs repository ({@code storage.root}), when it holds
     * packages, and the {@code origin} remote when it is an spfs repository on a path.
     */
    private List<PackageRepository> defaults() {
        if (defaults == null) {
            java.util.Map<String, String> env = System.getenv();
            spfs.config.Config config = spfs.config.ConfigLoader.load(env);
            List<PackageRepository> out = new ArrayList<>();
            addIfPackages(out, "local", config.storageRoot());
            spfs.config.Config.RemoteConfig origin = config.remotes().get("origin");
            if (origin != null && origin.address().startsWith("file:")) {
                addIfPackages(out, "origin", Path.of(origin.address().substring("file:".length()).replaceFirst("\\?.*", "")));
            }
            defaults = List.copyOf(out);
        }
        return defaults;
    }

    private static void addIfPackages(List<PackageRepository> out, String name, Path root) {
        if (spk.storage.SpfsPackageRepository.isSpfsRepository(root) && java.nio.file.Files.isDirectory(root.resolve("tags/spk"))) {
            out.add(spfsPackages(name, root));
        }
    }

    private static PackageRepository spfsPackages(String name, Path root) {
        return new spk.storage.SpfsPackageRepository(name, spfs.storage.fs.FsRepository.open(root, java.util.Optional.empty()),
                new spk.spec.SpecLoader(spk.cli.app.BuildInfo.load().version(), System.getenv()));
    }

    private List<PackageRepository> loaded;

    /** The repositories, loaded (once per command). */
    public List<PackageRepository> repositories() {
        if (loaded != null) {
            return loaded;
        }
        if (repos.isEmpty()) {
            loaded = defaults();
            if (loaded.isEmpty()) {
                throw new NoRepositories();
            }
            return loaded;
        }
        List<PackageRepository> out = new ArrayList<>();
        for (String r : repos) {
            int eq = r.indexOf('=');
            Path path = Path.of(eq < 0 ? r : r.substring(eq + 1));
            String name = eq < 0 ? nameOf(path) : r.substring(0, eq);
            if (spk.storage.SpfsPackageRepository.isSpfsRepository(path)) {
                // SPK's own repositories: packages as tags and layers in an spfs repository
                out.add(spfsPackages(name, path));
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
            super("no-repositories", "no repositories to solve from: the local spfs repository holds no packages "
                    + "(spk build puts them there); give others with -r PATH (an spfs repository, a folder of built "
                    + "package specs, or one YAML file of them)");
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
