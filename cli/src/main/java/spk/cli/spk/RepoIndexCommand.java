package spk.cli.spk;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.config.ConfigLoader;
import spfs.storage.fs.FsRepository;
import spk.error.SpkException;
import spk.solver.repository.CatalogIndexFile;
import spk.storage.RepositorySelection;
import spk.storage.SpfsIndexFile;
import spk.storage.SpfsPackageRepository;

/**
 * {@code spk repo index [-r NAME|PATH]...}: makes or remakes the index of repositories (the local
 * one unless {@code -r}): an spfs repository on this file system, or a folder of built specs. Solves
 * then read the index instead of every spec while it is fresh.
 */
@Command(name = "index", description = "Make or refresh the index of a repository (local unless -r), which solves "
        + "read instead of every spec while it is up to date.")
public final class RepoIndexCommand implements Callable<Integer> {
    @Option(names = {"-r", "--repo", "--enable-repo"}, paramLabel = "NAME|PATH",
            description = "The repository to index: 'local', a configured remote on this file system, an spfs "
                    + "repository folder or a folder of built specs. Repeatable.")
    List<String> repos = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> targets = repos.isEmpty() ? List.of(RepositorySelection.LOCAL) : repos;
        for (String target : targets) {
            long start = System.nanoTime();
            String what = index(target);
            out.printf("%s (%.1f s)%n", what, (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return 0;
    }

    private String index(String target) {
        try {
            var config = ConfigLoader.load(SpkCommand.environment(spec));
            // names first, as -r of the reading commands takes them
            if (!target.equals(RepositorySelection.LOCAL) && !config.remotes().containsKey(target)) {
                return indexPath(target, Path.of(target));
            }
            var selection = new RepositorySelection(target.equals(RepositorySelection.LOCAL) ? List.of() : List.of(target),
                    List.of(), false, false, Optional.empty());
            List<SpfsPackageRepository> found = selection.openForChange(config, SpkCommand.specLoader(spec),
                    java.time.Instant.now(), java.time.ZoneId.systemDefault());
            if (found.isEmpty()) {
                throw new NotARepository("-r " + target + ": there is no local repository yet (spk build makes it)");
            }
            StringBuilder sb = new StringBuilder();
            for (SpfsPackageRepository r : found) {
                if (!(r.storage() instanceof FsRepository)) {
                    throw new NotARepository("-r " + target + ": " + r.storage().address()
                            + " is not on this file system; index it where it is stored");
                }
                sb.append(sb.length() == 0 ? "" : "\n").append(describe(SpfsIndexFile.write(r)));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new IndexNotWritten("cannot index " + target + ": " + spk.spec.problem.ReadFailure.describe(e));
        } catch (java.io.UncheckedIOException e) {
            throw new IndexNotWritten("cannot index " + target + ": " + spk.spec.problem.ReadFailure.describe(e.getCause()));
        }
    }

    private String indexPath(String target, Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NotARepository("-r " + target + ": no such folder, nor a configured remote of that name");
        }
        if (SpfsPackageRepository.isSpfsRepository(path)) {
            SpfsPackageRepository repo = new SpfsPackageRepository(target,
                    FsRepository.open(path, Optional.empty()), SpkCommand.specLoader(spec));
            return describe(SpfsIndexFile.write(repo));
        }
        if (!Files.isDirectory(path)) {
            throw new NotARepository("-r " + target + ": a file; an index is made for an spfs repository or a folder "
                    + "of built specs");
        }
        CatalogIndexFile.Summary s = CatalogIndexFile.write(path);
        return String.format("indexed %d specs from %d files into %s (%s, %d kept as YAML text)", s.structured() + s.text(),
                s.files(), s.file(), size(s.bytes()), s.text());
    }

    private static String describe(SpfsIndexFile.Summary s) {
        return String.format("indexed %d builds into %s (%s; %d read, %d unchanged since the last index)", s.specs(),
                s.file(), size(s.bytes()), s.read(), s.reused());
    }

    private static String size(long bytes) {
        if (bytes < 10_000) {
            return bytes + " bytes";
        }
        return bytes < 1_000_000 ? String.format("%.0f kB", bytes / 1e3) : String.format("%.1f MB", bytes / 1e6);
    }

    /** A repository argument that names nothing that can be indexed. */
    public static final class NotARepository extends SpkException {
        private static final long serialVersionUID = 1L;

        NotARepository(String message) {
            super("not-a-repository", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }

    /** The index could not be read from or written to disk. */
    public static final class IndexNotWritten extends SpkException {
        private static final long serialVersionUID = 1L;

        IndexNotWritten(String message) {
            super("index-not-written", message);
        }

        @Override
        public Kind kind() {
            return Kind.ENVIRONMENT;
        }
    }
}
