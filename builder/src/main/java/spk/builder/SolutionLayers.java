package spk.builder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spk.error.SpkException;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.solver.ResolvedPackage;
import spk.solver.Solution;
import spk.solver.Source;
import spk.solver.repository.PackageRepository;
import spk.storage.SpfsPackageRepository;

/**
 * The layers of a solution, bottom first, copied into the local spfs repository when they live
 * in another one (as SPK does), so a runtime can render them from there: what {@code spk env}
 * runs in, and what a build's environment is made of.
 */
public final class SolutionLayers {
    private SolutionLayers() {}

    /** One component layer of a solution's package, and the repository it is published in. */
    public record PackageLayer(ResolvedPackage pkg, Component component, Digest layer, SpfsPackageRepository repository) {
        /** The build the layer holds the files of. */
        public BuildIdent owner() {
            return pkg.spec().pkg();
        }
    }

    public static List<Digest> of(Solution solution, List<PackageRepository> repos, FsRepository local) {
        return of(solution, repos, local, SyncReporter.NONE);
    }

    /** The same, telling {@code progress} about the payloads copied (a progress bar on a terminal). */
    public static List<Digest> of(Solution solution, List<PackageRepository> repos, FsRepository local,
            SyncReporter progress) {
        return packageLayers(solution, repos, local, progress).stream().map(PackageLayer::layer).distinct().toList();
    }

    /**
     * The layers with the package each belongs to, bottom first, copied into {@code local} when
     * they live elsewhere; {@code progress} is told about the copying.
     */
    public static List<PackageLayer> packageLayers(Solution solution, List<PackageRepository> repos, FsRepository local,
            SyncReporter progress) {
        List<PackageLayer> layers = listed(solution, repos);
        Map<SpfsPackageRepository, List<Digest>> toCopy = new LinkedHashMap<>();
        for (PackageLayer l : layers) {
            if (!isLocal(l.repository(), local)) {
                toCopy.computeIfAbsent(l.repository(), r -> new ArrayList<>()).add(l.layer());
            }
        }
        // one sync (one pool of copying threads) per repository the layers come from
        toCopy.forEach((repo, digests) -> {
            try (Syncer sync = new Syncer(repo.storage(), local, SyncPolicy.MISSING_DATA_ONLY, 4, progress)) {
                digests.forEach(sync::syncDigest);
            }
        });
        return layers;
    }

    /**
     * Every component layer of the solution, bottom first (in the solution's order), where it is
     * published; nothing is copied. Embedded packages have none of their own.
     */
    public static List<PackageLayer> listed(Solution solution, List<PackageRepository> repos) {
        Map<String, SpfsPackageRepository> byName = new HashMap<>();
        for (PackageRepository r : repos) {
            if (r instanceof SpfsPackageRepository s) {
                byName.put(s.name(), s);
            }
        }
        List<PackageLayer> out = new ArrayList<>();
        for (ResolvedPackage p : solution.packages()) {
            if (p.source() instanceof Source.Embedded) {
                continue; // its files come with the package that embeds it
            }
            if (!(p.source() instanceof Source.Repository from) || !byName.containsKey(from.name())) {
                throw new NoFiles(p.spec().pkg() + (p.source() instanceof Source.BuildFromSource
                        ? " would have to be built from source first" : " comes from " + p.source()
                        + ", a catalog of specs without files") + "; an environment needs packages published to an spfs "
                        + "repository (use --dry-run to see the solution)");
            }
            SpfsPackageRepository repo = byName.get(from.name());
            Map<Component, Digest> published = repo.layers(p.spec().pkg());
            // a source package has one component, whatever the request named
            for (Component c : p.spec().pkg().build().isSource() ? java.util.Set.of(Component.SOURCE) : p.components()) {
                Digest d = published.get(c);
                if (d == null) {
                    throw new NoFiles(p.spec().pkg() + ":" + c + " has no published layer in " + from.name());
                }
                out.add(new PackageLayer(p, c, d, repo));
            }
        }
        return out;
    }

    /** Whether the packages' repository is the local one itself (nothing to copy). */
    private static boolean isLocal(SpfsPackageRepository repo, FsRepository local) {
        return repo.storage() instanceof FsRepository fs
                && fs.root().toAbsolutePath().normalize().equals(local.root().toAbsolutePath().normalize());
    }

    /** A solution whose packages have no files to mount. */
    public static final class NoFiles extends SpkException {
        private static final long serialVersionUID = 1L;

        NoFiles(String message) {
            super("not-runnable", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
