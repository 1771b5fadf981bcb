package spk.debian.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.constraint.Group;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.catalog.Relation;
import spk.debian.encode.CatalogEncoding;
import spk.debian.encode.CatalogEncoding.Constraint;
import spk.debian.encode.RelationTargets;
import spk.debian.sat.InstallSat;
import spk.solver.Explanation;
import spk.solver.backend.SatBackend;

/**
 * Why a package cannot be installed, told as {@code spk explain} tells a failed solve: a
 * minimal set of dependencies, conflicts and essential packages that cannot all hold with it,
 * then, per dependency in that set, the packages that could have met it and why each did not.
 *
 * <p>Only what the package (and the essential set) can reach is encoded, each constraint a
 * group; the solver's unsatisfiable core is shrunk one group at a time until every group left
 * is needed.
 */
public final class BrokenExplainer {
    private static final int MAX_SHOWN = 12;

    private final DebCatalog catalog;

    public BrokenExplainer(DebCatalog catalog) {
        this.catalog = catalog;
    }

    /** The explanation for package {@code id} (with the essential packages), or empty if it can be installed after all. */
    public java.util.Optional<Explanation> explain(int id) {
        return explain(id, true);
    }

    /** As {@link #explain(int)}, on an empty system when {@code essentials} is false. */
    public java.util.Optional<Explanation> explain(int id, boolean essentials) {
        CatalogEncoding enc = CatalogEncoding.reachable(catalog, new int[] {id}, essentials, true);
        List<Group> groups = new ArrayList<>(enc.model().groups());
        try (InstallSat sat = new InstallSat(enc.goals())) {
            int root = enc.var(id);
            SatBackend.Outcome out = sat.solve(enc.model(), assume(root, groups));
            if (out instanceof SatBackend.Outcome.Sat) {
                return java.util.Optional.empty();
            }
            List<Group> core = inCore(groups, ((SatBackend.Outcome.Unsat) out).core());
            // deletion: drop each group whose absence still leaves a conflict
            for (int i = 0; i < core.size(); ) {
                List<Group> without = new ArrayList<>(core);
                without.remove(i);
                SatBackend.Outcome o = sat.solve(enc.model(), assume(root, without));
                if (o instanceof SatBackend.Outcome.Unsat u) {
                    core = inCore(without, u.core());
                } else {
                    i++;
                }
            }
            return java.util.Optional.of(story(enc, id, core));
        }
    }

    private static int[] assume(int root, List<Group> groups) {
        int[] a = new int[groups.size() + 1];
        a[0] = root;
        for (int i = 0; i < groups.size(); i++) {
            a[i + 1] = groups.get(i).id();
        }
        return a;
    }

    /** The groups of {@code from} that the core names, in creation order. */
    private static List<Group> inCore(List<Group> from, int[] core) {
        int[] sorted = core.clone();
        Arrays.sort(sorted);
        List<Group> out = new ArrayList<>();
        for (Group g : from) {
            if (Arrays.binarySearch(sorted, g.id()) >= 0) {
                out.add(g);
            }
        }
        return out;
    }

    private Explanation story(CatalogEncoding enc, int id, List<Group> conflict) {
        List<String> lines = new ArrayList<>();
        lines.add("install " + catalog.get(id) + " (the package checked)");
        Map<String, Explanation.PackageStory> stories = new LinkedHashMap<>();
        RelationTargets targets = new RelationTargets(catalog);
        for (Group g : conflict) {
            lines.add(g.description());
            if (enc.constraint(g.id()) instanceof Constraint.Depends d) {
                for (Relation r : d.alternatives()) {
                    stories.computeIfAbsent(r.name(), n -> new Explanation.PackageStory(n, new ArrayList<>(),
                            new ArrayList<>()));
                    Explanation.PackageStory s = stories.get(r.name());
                    List<String> requests = new ArrayList<>(s.requests());
                    requests.add(r + " by " + d.pkg());
                    stories.put(r.name(), new Explanation.PackageStory(r.name(), requests,
                            rejected(r, targets)));
                }
            }
        }
        return new Explanation(lines, List.copyOf(stories.values()));
    }

    /** The packages named or providing {@code r.name()}, each with why it did not meet {@code r}. */
    private List<String> rejected(Relation r, RelationTargets targets) {
        int[] fits = targets.satisfiers(r);
        Arrays.sort(fits);
        List<String> out = new ArrayList<>();
        List<Integer> considered = new ArrayList<>();
        for (int q : catalog.named(r.name())) {
            considered.add(q);
        }
        for (DebCatalog.Provider p : catalog.providers(r.name())) {
            considered.add(p.pkg());
        }
        if (considered.isEmpty()) {
            out.add("no package is named '" + r.name() + "' and none provides it");
            return out;
        }
        int shown = 0;
        for (int q : considered) {
            if (shown++ == MAX_SHOWN) {
                out.add("... and " + (considered.size() - MAX_SHOWN) + " more packages");
                break;
            }
            DebPackage p = catalog.get(q);
            String why;
            if (Arrays.binarySearch(fits, q) >= 0) {
                why = "fits this requirement; it is ruled out by the requirements it brings or by other packages";
            } else if (!catalog.isNative(p)) {
                why = "is built for " + p.architecture() + ", not " + catalog.nativeArch();
            } else if (!p.name().equals(r.name())) {
                why = "provides " + r.name() + " without a version that meets " + r;
            } else if (r.arch() != null && !r.arch().equals("any") && !r.arch().equals("native")
                    && !r.arch().equals(catalog.nativeArch())) {
                why = "is not of architecture " + r.arch();
            } else {
                why = "version " + p.version() + " is not " + r.op().symbol() + " " + r.version();
            }
            out.add(p + ": " + why);
        }
        return out;
    }
}
