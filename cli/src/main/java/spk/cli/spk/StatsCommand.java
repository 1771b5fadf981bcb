package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.RepositoryFlags;
import spk.grammar.name.PkgName;
import spk.solver.repository.PackageRepository;
import spk.spec.variant.HostOptions;
import spk.storage.upkeep.HostFilter;
import spk.storage.upkeep.RepositoryStats;

/**
 * {@code spk stats [NAME]}: counts of packages, versions and builds in the repositories, and the
 * packages with the most versions and the most builds per version, as SPK reports them.
 */
@Command(name = "stats", aliases = "report", description = "Show package, version and build counts of the repositories.")
public final class StatsCommand implements Callable<Integer> {
    @Mixin
    RepositoryFlags repositories;

    @Option(names = "--show-top", paramLabel = "N", description = "How many packages each top list shows (0: all; default 10, "
            + "or SPK_STATS_SHOW_TOP_N).")
    Integer showTop;

    @Option(names = {"-d", "--deprecated"}, description = "Count deprecated builds and versions in the per-package figures.")
    boolean deprecated;

    @Option(names = "--host", description = "Only count builds for this host's os, arch and distro.")
    boolean host;

    @Option(names = "--no-host", description = "Count builds for every host (the default).")
    boolean noHost;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "One package to report on (default: all).")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        List<PackageRepository> repos = repositories.forReading(spec);
        Optional<PkgName> only = Optional.ofNullable(name).map(PkgName::parse);
        HostFilter filter = host && !noHost ? new HostFilter(Optional.of(HostOptions.detect().options()), true) : HostFilter.NONE;
        RepositoryStats s = RepositoryStats.gather(repos, only, filter);
        if (only.isPresent() && s.builds() == 0) {
            throw new LsCommand.NotFound("no builds of " + name + " in " + (repos.isEmpty() ? "any repository"
                    : String.join(", ", repos.stream().map(PackageRepository::name).toList())));
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = repos.stream().map(PackageRepository::name).toList();
        String which = String.join(", ", names) + (names.size() == 1 ? " repo" : " repos");
        out.println("------- Spk stats for " + which + " -------");
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Long> e : s.buildsPerRepository().entrySet()) {
            out.println(String.format("%-" + nameWidth + "s repo has %d %s of %s", e.getKey(), e.getValue(),
                    e.getValue() == 1 ? "build" : "builds", only.map(n -> "'" + n.value() + "'").orElse("packages")));
        }
        out.println();
        int w = Long.toString(s.builds()).length();
        out.println(String.format("Total packages   : %" + w + "d", s.packages()));
        out.println(String.format(Locale.ROOT, "Total versions   : %" + w + "d  (%d deprecated %.0f%%)", s.versions(),
                s.deprecatedVersions(), percent(s.deprecatedVersions(), s.versions())));
        out.println(String.format("Total builds     : %" + w + "d  (100%%)", s.builds()));
        out.println(String.format(Locale.ROOT, "Deprecated builds: %" + w + "d  (%3.0f%%)", s.deprecatedBuilds(),
                percent(s.deprecatedBuilds(), s.builds())));
        out.println(String.format(Locale.ROOT, "Source builds    : %" + w + "d  (%3.0f%%)", s.sourceBuilds(),
                percent(s.sourceBuilds(), s.builds())));
        out.println(String.format(Locale.ROOT, "Active builds    : %" + w + "d  (%3.0f%%)", s.activeBuilds(),
                percent(s.activeBuilds(), s.builds())));
        out.println("Average usable versions per package: " + s.averageActiveVersionsPerPackage());
        out.println("Average usable   builds per package: " + s.averageActiveBuildsPerPackage() + "  (branching factor)");
        out.println();
        String desc = deprecated ? "incl. deprecated" : "usable";
        List<RepositoryStats.PackageFigures> figures = s.perPackage(deprecated);
        if (only.isPresent()) {
            for (RepositoryStats.PackageFigures f : figures) {
                int bw = Long.toString(f.builds()).length();
                out.println(f.name() + ":");
                out.println(String.format(" %" + bw + "d builds (%s)", f.builds(), desc));
                out.println(String.format(" %" + bw + "d versions (%s)", f.versions(), desc));
                out.println(String.format(" %" + bw + "d builds per version (%d/%d)", f.buildsPerVersion(), f.builds(),
                        f.versions()));
            }
        } else {
            int top = showTop != null ? showTop : topFromEnvironment();
            int n = top == 0 ? figures.size() : top;
            out.println("Top " + n + " packages with the most versions " + desc + ":");
            for (RepositoryStats.PackageFigures f : figures.stream().limit(n).toList()) {
                out.println(" - " + f.name() + " : " + f.versions() + (f.versions() == 1 ? " version" : " versions"));
            }
            out.println();
            out.println("Top " + n + " packages with the most total builds per version " + desc + ":");
            figures.stream().filter(f -> f.versions() > 1)
                    .sorted(java.util.Comparator.comparingLong(RepositoryStats.PackageFigures::buildsPerVersion).reversed()
                            .thenComparing(RepositoryStats.PackageFigures::name))
                    .limit(n).forEach(f -> out.println(" - " + f.name() + " : " + f.buildsPerVersion() + " builds/version ("
                            + f.builds() + "/" + f.versions() + ") " + desc));
        }
        out.println();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.println(String.format(Locale.ROOT, "Time taken: %.2f seconds  (%.6f secs/build)", seconds,
                s.builds() == 0 ? 0.0 : seconds / s.builds()));
        out.flush();
        return 0;
    }

    private int topFromEnvironment() {
        String v = SpkCommand.environment(spec).get("SPK_STATS_SHOW_TOP_N");
        if (v == null) {
            return 10;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "SPK_STATS_SHOW_TOP_N must be a whole number, not '" + v + "'");
        }
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
