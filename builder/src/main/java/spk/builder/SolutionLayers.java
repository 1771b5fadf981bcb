package spk.builder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;
import spk.error.SpkException;
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

    public static List<Digest> of(Solution solution, List<PackageRepository> repos, FsRepository local) {
        Map<String, SpfsPackageRepository> byName = new HashMap<>();
        for (PackageRepository r : repos) {
            if (r instanceof SpfsPackageRepository s) {
                byName.put(s.name(), s);
            }
        }
        LinkedHashSet<Digest> layers = new LinkedHashSet<>();
        Map<SpfsPackageRepository, List<Digest>> toCopy = new LinkedHashMap<>();
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
            for (Component c : p.components()) {
                Digest d = published.get(c);
                if (d == null) {
                    throw new NoFiles(p.spec().pkg() + ":" + c + " has no published layer in " + from.name());
                }
                if (!repo.spfs().address().equals(local.address())) {
                    toCopy.computeIfAbsent(repo, r -> new ArrayList<>()).add(d);
                }
                layers.add(d);
            }
        }
        // one sync (one pool of copying threads) per repository the layers come from
        toCopy.forEach((repo, digests) -> {
            try (Syncer sync = new Syncer(repo.spfs(), local, SyncPolicy.MISSING_DATA_ONLY, 4, SyncReporter.NONE)) {
                digests.forEach(sync::syncDigest);
            }
        });
        return List.copyOf(layers);
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
