package spk.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.PendingSpec;
import spk.solver.repository.index.RepositoryIndex;
import spk.spec.model.PackageSpec;
import spk.spec.problem.Problems;

/** The specs of an spfs repository's fresh index by package and version, decoded when asked for. */
final class IndexedSpecs {
    private final Map<PkgName, Map<Version, List<PendingSpec>>> specs = new HashMap<>();
    private final Map<String, Set<VersionIdent>> embeds = new HashMap<>();
    /** Packages whose versions are not listed yet: a solve lists only those it asks for. */
    private final Map<PkgName, RepositoryIndex.PackageEntry> unlisted = new HashMap<>();
    /** Unlisted packages whose builds embed packages, by each name they embed. */
    private final Map<String, List<PkgName>> unlistedEmbedding = new HashMap<>();
    private final Map<String, Version> versionTexts = new HashMap<>();

    /** Lists the index's packages; {@code resolver} reads the specs it only refers to (by tag file). */
    IndexedSpecs(RepositoryIndex index, RepositoryIndex.Resolver resolver) {
        for (RepositoryIndex.PackageEntry p : index.packages(resolver)) {
            PkgName name = new PkgName(p.name());
            unlisted.put(name, p);
            for (String e : p.embeds()) {
                unlistedEmbedding.computeIfAbsent(e, k -> new ArrayList<>()).add(name);
            }
        }
    }

    private Map<Version, List<PendingSpec>> listed(PkgName pkg) {
        RepositoryIndex.PackageEntry p = unlisted.remove(pkg);
        if (p != null) {
            p.visit(new RepositoryIndex.Visitor() {
                @Override
                public void version(String name, String version) {
                    specs.computeIfAbsent(pkg, k -> new HashMap<>())
                            .computeIfAbsent(versionTexts.computeIfAbsent(version, Version::parse), k -> new ArrayList<>());
                }

                @Override
                public void spec(String name, String version, PendingSpec spec, List<String> embedded) {
                    Version v = versionTexts.get(version);
                    specs.get(pkg).get(v).add(spec);
                    for (String e : embedded) {
                        embeds.computeIfAbsent(e, k -> new HashSet<>()).add(new VersionIdent(pkg, v));
                    }
                }
            });
        }
        return specs.getOrDefault(pkg, Map.of());
    }

    Set<PkgName> names() {
        Set<PkgName> out = new TreeSet<>(specs.keySet());
        out.addAll(unlisted.keySet());
        return out;
    }

    List<Version> versions(PkgName pkg) {
        return List.copyOf(new TreeSet<>(listed(pkg).keySet()));
    }

    /** The builds of a version, decoded now (each call decodes again: callers cache). */
    List<PackageSpec> builds(PkgName pkg, Version version) {
        Problems problems = new Problems();
        List<PackageSpec> out = new ArrayList<>();
        for (PendingSpec pending : listed(pkg).getOrDefault(version, List.of())) {
            pending.read(problems).forEach(s -> {
                if (s instanceof PackageSpec p) {
                    out.add(p);
                }
            });
        }
        problems.throwIfErrors();
        return List.copyOf(out);
    }

    /** The versions with a build that embeds a package of this name. */
    Set<VersionIdent> embedding(PkgName pkg) {
        List<PkgName> parents = unlistedEmbedding.remove(pkg.value());
        if (parents != null) {
            parents.forEach(this::listed);
        }
        return embeds.getOrDefault(pkg.value(), Set.of());
    }
}
