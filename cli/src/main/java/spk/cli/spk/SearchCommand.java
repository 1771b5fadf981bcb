package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.RepositoryFlags;
import spk.solver.repository.PackageRepository;
import spk.spec.variant.HostOptions;
import spk.storage.upkeep.HostFilter;
import spk.storage.upkeep.PackageSearch;

/** {@code spk search TERM}: the versions of every package whose name contains TERM, per repository. */
@Command(name = "search", description = "Search for packages by name or part of a name.")
public final class SearchCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repositories;

    @Option(names = {"-d", "--deprecated"}, description = "Show deprecated versions too.")
    boolean deprecated;

    @Option(names = "--host", description = "Only versions with a build for this host's os, arch and distro (and, "
            + "unless --src, not only a source build).")
    boolean host;

    @Option(names = "--no-host", description = "Do not filter by this host (the default).")
    boolean noHost;

    @Option(names = "--src", description = "With --host: source builds count as matching.")
    boolean src;

    @Option(names = "--no-src", description = "With --host: only binary builds count (the default with --host).")
    boolean noSrc;

    @Parameters(paramLabel = "TERM", description = "Text to find in package names.")
    String term;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PackageRepository> repos = repositories.forReading(spec);
        HostFilter filter = host && !noHost ? new HostFilter(Optional.of(HostOptions.detect().options()), src && !noSrc)
                : HostFilter.NONE;
        List<PackageSearch.Hit> hits = PackageSearch.search(repos, term, deprecated, filter);
        if (hits.isEmpty()) {
            throw new LsCommand.NotFound("no package name contains '" + term + "' in "
                    + (repos.isEmpty() ? "any repository (the local one is empty; give others with -r)"
                            : String.join(", ", repos.stream().map(PackageRepository::name).toList())));
        }
        int width = hits.stream().mapToInt(h -> h.repository().length()).max().orElse(0);
        PrintWriter out = spec.commandLine().getOut();
        for (PackageSearch.Hit h : hits) {
            out.println(String.format("%-" + width + "s %s%s", h.repository(), h.version(), h.deprecated() ? " DEPRECATED" : ""));
        }
        out.flush();
        return 0;
    }
}
