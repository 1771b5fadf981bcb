package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.config.ConfigLoader;
import spk.cli.spk.flags.RepositoryFlags;
import spk.solver.repository.PackageRepository;
import spk.storage.RepositorySelection;
import spk.storage.SpfsPackageRepository;
import spk.storage.upkeep.DiskUsage;

/**
 * {@code spk du PATH}: the disk usage of the files of packages, each file or (with {@code -s})
 * summed at the depth of PATH, as SPK's du reports it.
 */
@Command(name = "du", description = "Show the disk usage of packages: REPO/PKG/VERSION/BUILD/:COMPONENTS/PATH, "
        + "or PKG:COMPONENTS/VERSION/BUILD.")
public final class DuCommand implements Callable<Integer> {
    private static final int SIZE_WIDTH = 12;

    @Mixin
    RepositoryFlags repositories;

    @Parameters(paramLabel = "PATH", description = "What to measure: a repository, a package, version or build "
            + "(REPO/PKG/VERSION/BUILD), then :COMPONENTS and a path inside; a trailing / lists the level below.")
    String path;

    @Option(names = {"-l", "--count-links"}, description = "Count a file as often as it appears (default: once).")
    boolean countLinks;

    @Option(names = {"-d", "--deprecated"}, description = "Include deprecated builds.")
    boolean deprecated;

    @Option(names = {"-H", "--human-readable"}, description = "Sizes in KiB, MiB... rather than bytes.")
    boolean human;

    @Option(names = {"-s", "--summarize"}, description = "Only a total for each entry at PATH's level.")
    boolean summarize;

    @Option(names = {"-c", "--total"}, description = "Also print the grand total.")
    boolean total;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<String> known = new TreeSet<>(List.of(RepositorySelection.LOCAL, RepositorySelection.ORIGIN));
        known.addAll(ConfigLoader.load(SpkCommand.environment(spec)).remotes().keySet());
        List<PackageRepository> repos = repositories.forReading(spec);
        repos.forEach(r -> known.add(r.name()));
        DiskUsage.Target target = DiskUsage.parse(path, known);
        List<SpfsPackageRepository> spfs = repos.stream().filter(r -> r instanceof SpfsPackageRepository)
                .map(SpfsPackageRepository.class::cast).toList();
        List<DiskUsage.FileUsage> files = DiskUsage.files(spfs, target, countLinks, deprecated);
        PrintWriter out = spec.commandLine().getOut();
        long sum = 0;
        if (summarize) {
            for (DiskUsage.Group g : DiskUsage.grouped(files, target.depth())) {
                out.println(line(g.size(), g.path(), g.deprecated()));
                sum += g.size();
            }
        } else {
            for (DiskUsage.FileUsage f : files) {
                out.println(line(f.size(), f.joined(), f.deprecated()));
                sum += f.size();
            }
        }
        if (total) {
            out.println(String.format("%" + SIZE_WIDTH + "s    total", size(sum)));
        }
        out.flush();
        return 0;
    }

    private String line(long bytes, String where, boolean isDeprecated) {
        return String.format("%" + SIZE_WIDTH + "s    %s%s", size(bytes), where, isDeprecated ? " DEPRECATED" : "");
    }

    private String size(long bytes) {
        return human ? DiskUsage.human(bytes) : Long.toString(bytes);
    }
}
