package spk.debian.encode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.constraint.ConstraintModel;
import spk.constraint.Group;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.catalog.Relation;

/**
 * A Debian catalog (all of it, or what some packages can reach) compiled into the project's
 * {@link ConstraintModel}: one variable per package, "installed"; per name, at most one
 * package; per dependency, {@code p → one of the packages satisfying it}; per conflict or
 * break, {@code ¬p ∨ ¬q}; and, when asked, one package of each essential name.
 *
 * <p>With {@code named} set, every dependency, conflict and essential constraint is a
 * {@link Group} (a selector the solver can relax), which is how a broken package's
 * explanation names what cannot hold together; without it the clauses are plain, which is
 * what the whole-archive check wants.
 */
public final class CatalogEncoding {
    private final DebCatalog catalog;
    private final ConstraintModel model = new ConstraintModel();
    private final int[] varOf;
    private final int[] encoded;
    private final boolean named;
    private final Map<Integer, Constraint> constraints = new LinkedHashMap<>();
    private final RelationTargets targets;
    /** Per variable, its dependencies as candidate variables, best first (for the decision order). */
    private final int[][][] goalsOf;
    private final List<int[]> rootGoals = new ArrayList<>();

    /** What a group stands for, so an explanation can tell it. */
    public sealed interface Constraint {
        /** {@code pkg} depends on {@code alternatives}, which {@code candidates} satisfy. */
        record Depends(DebPackage pkg, List<Relation> alternatives, int[] candidates) implements Constraint {}

        /** {@code pkg}'s conflict or break {@code relation} rules out {@code other}. */
        record Conflict(DebPackage pkg, String field, Relation relation, DebPackage other) implements Constraint {}

        /** One of the essential packages named {@code name} is installed. */
        record Essential(String name, int[] candidates) implements Constraint {}
    }

    private CatalogEncoding(DebCatalog catalog, int[] ids, boolean essentials, boolean named) {
        this.catalog = catalog;
        this.named = named;
        this.targets = new RelationTargets(catalog);
        this.varOf = new int[catalog.size()];
        this.encoded = ids;
        this.goalsOf = new int[ids.length + 1][][];
        for (int id : ids) {
            int v = model.newVar(catalog.get(id).toString());
            varOf[id] = v;
        }
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int id : ids) {
            byName.computeIfAbsent(catalog.get(id).name(), n -> new ArrayList<>(1)).add(varOf[id]);
        }
        for (List<Integer> vars : byName.values()) {
            if (vars.size() > 1) {
                model.addAtMostOne(vars.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        if (essentials) {
            for (Map.Entry<String, int[]> e : catalog.essentials().entrySet()) {
                int[] lits = Arrays.stream(e.getValue()).filter(id -> varOf[id] != 0).map(id -> varOf[id]).toArray();
                String name = e.getKey();
                clause(new Constraint.Essential(name, e.getValue()), () -> "essential package " + name + " is installed", lits);
                rootGoals.add(lits);
            }
        }
        for (int id : ids) {
            DebPackage p = catalog.get(id);
            int pv = varOf[id];
            List<int[]> goals = new ArrayList<>(p.depends().size());
            for (List<Relation> dep : p.depends()) {
                int[] cands = targets.bestFirst(dep);
                boolean self = false;
                int[] lits = new int[cands.length + 1];
                lits[0] = -pv;
                for (int i = 0; i < cands.length; i++) {
                    self |= cands[i] == id;
                    lits[i + 1] = varOf[cands[i]];
                }
                if (self) {
                    continue; // satisfied by the package itself
                }
                clause(named ? new Constraint.Depends(p, dep, cands) : null, () -> p + " depends on " + render(dep), lits);
                goals.add(Arrays.copyOfRange(lits, 1, lits.length));
            }
            goalsOf[pv] = goals.toArray(new int[0][]);
            for (int c = 0; c < p.conflicts().size(); c++) {
                Relation r = p.conflicts().get(c);
                for (int q : targets.conflictTargets(p, r)) {
                    if (varOf[q] == 0 || catalog.get(q).name().equals(p.name())) {
                        continue; // not encoded, or already at most one of the name
                    }
                    if (!named && q < id && declaresConflict(q, id)) {
                        continue; // the same pair, written from the other side
                    }
                    String field = p.conflictField(c);
                    DebPackage other = catalog.get(q);
                    clause(named ? new Constraint.Conflict(p, field, r, other) : null,
                            () -> p + " " + field + " " + r + " (" + other + ")", -pv, -varOf[q]);
                }
            }
        }
    }

    /** True if package {@code from} conflicts with {@code with} by its own relations. */
    private boolean declaresConflict(int from, int with) {
        DebPackage p = catalog.get(from);
        for (Relation r : p.conflicts()) {
            if (java.util.Arrays.binarySearch(targets.conflictTargets(p, r), with) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** What the decisions follow: each package's dependencies, best first, and the essential names. */
    public spk.debian.sat.Goals goals() {
        return new spk.debian.sat.Goals(goalsOf, rootGoals.toArray(new int[0][]));
    }

    /** A clause; with groups, guarded by a new group described by {@code description} (made only then). */
    private void clause(Constraint c, java.util.function.Supplier<String> description, int... lits) {
        if (named) {
            Group g = model.newGroup(Group.Kind.REQUIREMENT, description.get());
            constraints.put(g.id(), c);
            model.addClause(g, lits);
        } else {
            model.addClause(lits);
        }
    }

    /** The whole catalog, plain clauses, with the essential packages required when {@code essentials}. */
    public static CatalogEncoding whole(DebCatalog catalog, boolean essentials) {
        int[] all = new int[catalog.size()];
        int n = 0;
        for (DebPackage p : catalog.packages()) {
            if (catalog.isNative(p)) {
                all[n++] = p.id();
            }
        }
        return new CatalogEncoding(catalog, Arrays.copyOf(all, n), essentials, false);
    }

    /**
     * What {@code roots} (and the essential packages, when {@code essentials}) can reach through
     * dependencies; conflicts only matter between reachable packages, so the rest is left out.
     */
    public static CatalogEncoding reachable(DebCatalog catalog, int[] roots, boolean essentials, boolean named) {
        return new CatalogEncoding(catalog, reach(catalog, roots, essentials), essentials, named);
    }

    /** The ids reachable from {@code roots} through dependencies, sorted. */
    static int[] reach(DebCatalog catalog, int[] roots, boolean essentials) {
        RelationTargets t = new RelationTargets(catalog);
        boolean[] seen = new boolean[catalog.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r : roots) {
            if (!seen[r]) {
                seen[r] = true;
                queue.add(r);
            }
        }
        if (essentials) {
            for (int[] ids : catalog.essentials().values()) {
                for (int id : ids) {
                    if (!seen[id]) {
                        seen[id] = true;
                        queue.add(id);
                    }
                }
            }
        }
        int count = 0;
        while (!queue.isEmpty()) {
            DebPackage p = catalog.get(queue.poll());
            count++;
            for (List<Relation> dep : p.depends()) {
                for (int q : t.dependencyTargets(dep)) {
                    if (!seen[q]) {
                        seen[q] = true;
                        queue.add(q);
                    }
                }
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] && catalog.isNative(catalog.get(i))) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static String render(List<Relation> alternatives) {
        StringBuilder sb = new StringBuilder();
        for (Relation r : alternatives) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(r);
        }
        return sb.toString();
    }

    public ConstraintModel model() {
        return model;
    }

    public DebCatalog catalog() {
        return catalog;
    }

    /** The variable of a package, or 0 when it is not in this encoding. */
    public int var(int pkg) {
        return varOf[pkg];
    }

    /** The package of a variable, or -1 when the variable is no package's (a group selector). */
    public int pkg(int var) {
        // package variables were made first, in the order of the ids
        return var >= 1 && var <= encoded.length ? encoded[var - 1] : -1;
    }

    /** The packages encoded, sorted by id. */
    public int[] packages() {
        return encoded.clone();
    }

    /** What the group with selector {@code id} stands for. */
    public Constraint constraint(int groupId) {
        return constraints.get(groupId);
    }
}
