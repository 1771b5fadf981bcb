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

    /** Lists the index's entries; {@code resolver} reads the specs it only refers to (by tag file). */
    IndexedSpecs(RepositoryIndex index, RepositoryIndex.Resolver resolver) {
        Map<String, Version> versionTexts = new HashMap<>();
        index.visit(new RepositoryIndex.Visitor() {
            @Override
            public void version(String name, String version) {
                specs.computeIfAbsent(new PkgName(name), k -> new HashMap<>())
                        .computeIfAbsent(versionTexts.computeIfAbsent(version, Version::parse), k -> new ArrayList<>());
            }

            @Override
            public void spec(String name, String version, PendingSpec spec, List<String> embedded) {
                PkgName n = new PkgName(name);
                Version v = versionTexts.get(version);
                specs.get(n).get(v).add(spec);
                for (String e : embedded) {
                    embeds.computeIfAbsent(e, k -> new HashSet<>()).add(new VersionIdent(n, v));
                }
            }
        }, resolver);
    }

    Set<PkgName> names() {
        return new TreeSet<>(specs.keySet());
    }

    List<Version> versions(PkgName pkg) {
        return List.copyOf(new TreeSet<>(specs.getOrDefault(pkg, Map.of()).keySet()));
    }

    /** The builds of a version, decoded now (each call decodes again: callers cache). */
    List<PackageSpec> builds(PkgName pkg, Version version) {
        Problems problems = new Problems();
        List<PackageSpec> out = new ArrayList<>();
        for (PendingSpec pending : specs.getOrDefault(pkg, Map.of()).getOrDefault(version, List.of())) {
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
        return embeds.getOrDefault(pkg.value(), Set.of());
    }
}
