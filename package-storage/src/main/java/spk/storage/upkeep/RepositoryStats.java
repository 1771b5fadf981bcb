package spk.storage.upkeep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.spec.model.PackageSpec;

/**
 * SPK's {@code spk stats}: how many packages, versions and builds the repositories hold, how many
 * are deprecated or source builds, and which packages have the most versions and the most builds
 * per version (the solver's branching factor). A version is deprecated when all its builds are.
 */
public final class RepositoryStats {
    /** The build counts of one version. */
    public record VersionCounts(long builds, long deprecated, long sources) {
        boolean isDeprecated() {
            return builds == deprecated;
        }
    }

    /** One package's figures: versions, builds and builds per version (whole number, as SPK). */
    public record PackageFigures(String name, long versions, long builds, long buildsPerVersion) {}

    private final Map<PkgName, Map<Version, VersionCounts>> counts;
    private final Map<String, Long> buildsPerRepository;
    private final long builds;
    private final long deprecatedBuilds;
    private final long activeSourceBuilds;

    private RepositoryStats(Map<PkgName, Map<Version, VersionCounts>> counts, Map<String, Long> buildsPerRepository,
            long builds, long deprecatedBuilds, long activeSourceBuilds) {
        this.counts = counts;
        this.buildsPerRepository = buildsPerRepository;
        this.builds = builds;
        this.deprecatedBuilds = deprecatedBuilds;
        this.activeSourceBuilds = activeSourceBuilds;
    }

    /** Counts every build of {@code only} (or of every package) that fits the filter. */
    public static RepositoryStats gather(List<PackageRepository> repositories, Optional<PkgName> only, HostFilter filter) {
        Map<PkgName, Map<Version, VersionCounts>> counts = new TreeMap<>();
        Map<String, Long> perRepo = new LinkedHashMap<>();
        long builds = 0;
        long deprecated = 0;
        long sources = 0;
        for (PackageRepository repo : repositories) {
            for (PkgName name : only.map(n -> List.of(n)).orElseGet(() -> List.copyOf(repo.packageNames()))) {
                for (Version v : repo.versions(name)) {
                    for (PackageSpec b : repo.builds(name, v)) {
                        if (b.pkg().build().isEmbedded() || !filter.fits(b)) {
                            continue;
                        }
                        builds++;
                        boolean src = b.pkg().build().isSource();
                        if (b.deprecated()) {
                            deprecated++;
                        } else if (src) {
                            sources++;
                        }
                        perRepo.merge(repo.name(), 1L, Long::sum);
                        counts.computeIfAbsent(name, k -> new TreeMap<>()).merge(v,
                                new VersionCounts(1, b.deprecated() ? 1 : 0, src ? 1 : 0),
                                (a, c) -> new VersionCounts(a.builds() + c.builds(), a.deprecated() + c.deprecated(),
                                        a.sources() + c.sources()));
                    }
                }
            }
        }
        return new RepositoryStats(counts, perRepo, builds, deprecated, sources);
    }

    /** Builds counted per repository, in the repositories' order. */
    public Map<String, Long> buildsPerRepository() {
        return java.util.Collections.unmodifiableMap(buildsPerRepository);
    }

    public long packages() {
        return counts.size();
    }

    public long versions() {
        return counts.values().stream().mapToLong(Map::size).sum();
    }

    public long deprecatedVersions() {
        return counts.values().stream().flatMap(m -> m.values().stream()).filter(VersionCounts::isDeprecated).count();
    }

    public long builds() {
        return builds;
    }

    public long deprecatedBuilds() {
        return deprecatedBuilds;
    }

    /** Source builds that are not deprecated. */
    public long sourceBuilds() {
        return activeSourceBuilds;
    }

    /** Builds neither deprecated nor source: what a solve can use. */
    public long activeBuilds() {
        return builds - deprecatedBuilds - activeSourceBuilds;
    }

    /** Usable (not deprecated) versions per package, a whole number as SPK shows it. */
    public long averageActiveVersionsPerPackage() {
        return packages() == 0 ? 0 : (versions() - deprecatedVersions()) / packages();
    }

    /** Not deprecated builds per package, a whole number as SPK shows it. */
    public long averageActiveBuildsPerPackage() {
        return packages() == 0 ? 0 : (builds - deprecatedBuilds) / packages();
    }

    /**
     * Each package's figures, with deprecated builds and versions or without them, most versions
     * first (then by name).
     */
    public List<PackageFigures> perPackage(boolean withDeprecated) {
        List<PackageFigures> out = new ArrayList<>();
        counts.forEach((name, versions) -> {
            long vs = 0;
            long bs = 0;
            for (VersionCounts c : versions.values()) {
                if (withDeprecated) {
                    vs++;
                    bs += c.builds();
                } else if (!c.isDeprecated()) {
                    vs++;
                    bs += c.builds() - c.deprecated();
                }
            }
            out.add(new PackageFigures(name.value(), vs, bs, vs == 0 ? 0 : bs / vs));
        });
        out.sort(Comparator.comparingLong(PackageFigures::versions).reversed().thenComparing(PackageFigures::name));
        return out;
    }
}
