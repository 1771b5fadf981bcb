package spk.constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A solver-neutral model of one solve: boolean variables, clauses over them (optionally
 * guarded by a {@link Group}), named packages whose candidates are ranked best first, and the
 * order in which packages are preferred. It knows nothing of YAML, spfs or SPK: any catalog
 * that can say "these candidates, these clauses" compiles into it.
 *
 * <p>The model only grows (variables, clauses and candidates are appended), so a solver back
 * end can take just what is new since it last looked; that is what makes lazily expanding the
 * model during a solve cheap.
 */
public final class ConstraintModel {
    private final List<String> varLabels = new ArrayList<>();
    private final List<int[]> clauses = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, PackageVars> packages = new LinkedHashMap<>();
    private final List<int[]> atMostOnes = new ArrayList<>();
    private final java.util.Set<GrowingOr> growingOrs = new java.util.LinkedHashSet<>();
    private final java.util.Set<Deferred> deferred = new java.util.LinkedHashSet<>();
    private final Map<Integer, GrowingOr> byOpenEnd = new java.util.HashMap<>();

    /** A constraint that buffers what is added to it until the model is flushed. */
    interface Deferred {
        void flush();
    }

    /** Variables are numbered from 1, as DIMACS and Sat4j do; literals are ±variable. */
    public int newVar(String label) {
        varLabels.add(label);
        return varLabels.size();
    }

    public int varCount() {
        return varLabels.size();
    }

    public String label(int var) {
        return varLabels.get(Math.abs(var) - 1);
    }

    /** A group of constraints that explanations may name; its selector is a new variable. */
    public Group newGroup(Group.Kind kind, String description) {
        Group g = new Group(newVar("group: " + description), kind, description);
        groups.add(g);
        return g;
    }

    public List<Group> groups() {
        return Collections.unmodifiableList(groups);
    }

    /** Adds a clause: at least one of the literals holds. */
    public void addClause(int... literals) {
        for (int l : literals) {
            if (l == 0 || Math.abs(l) > varLabels.size()) {
                throw new IllegalArgumentException("unknown variable in literal " + l);
            }
        }
        clauses.add(literals.clone());
    }

    /** Adds a clause that only holds while {@code group} is selected. */
    public void addClause(Group group, int... literals) {
        int[] guarded = new int[literals.length + 1];
        guarded[0] = -group.id();
        System.arraycopy(literals, 0, guarded, 1, literals.length);
        addClause(guarded);
    }

    /** A disjunction implied by {@code head} that can take more literals later. */
    public GrowingOr growingOr(int head, String label) {
        return growingOr(head, label, label);
    }

    /**
     * As above, tagged with {@code owner}: what an unsatisfiable answer that assumed its open end
     * false is about ({@link #openEndOwner}).
     */
    public GrowingOr growingOr(int head, String label, Object owner) {
        GrowingOr g = new GrowingOr(this, head, label, owner);
        growingOrs.add(g);
        // even while empty, the head must wait for a literal behind an open end
        deferred.add(g);
        return g;
    }

    /**
     * Writes out what deferred constraints hold, then returns the literals every solve must
     * assume: each open growing disjunction's open end, false. Call it before each solve.
     */
    public int[] openEnds() {
        while (!deferred.isEmpty()) {
            List<Deferred> now = new ArrayList<>(deferred);
            deferred.clear();
            now.forEach(Deferred::flush);
        }
        int[] out = new int[growingOrs.size()];
        int n = 0;
        for (GrowingOr g : growingOrs) {
            if (g.openEnd() != 0) {
                out[n++] = -g.openEnd();
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The owner of the disjunction whose open end {@code literal} assumes false, or null if it is no such literal. */
    public Object openEndOwner(int literal) {
        GrowingOr g = literal < 0 ? byOpenEnd.get(-literal) : null;
        return g == null ? null : g.owner();
    }

    void openEndMoved(GrowingOr g, int from, int to) {
        byOpenEnd.remove(from);
        if (to != 0) {
            byOpenEnd.put(to, g);
        }
    }

    void deferred(Deferred d) {
        deferred.add(d);
    }

    void closed(GrowingOr g) {
        growingOrs.remove(g);
        deferred.remove(g);
    }

    /** At most one of the literals holds. */
    public void addAtMostOne(int... literals) {
        for (int l : literals) {
            if (l == 0 || Math.abs(l) > varLabels.size()) {
                throw new IllegalArgumentException("unknown variable in literal " + l);
            }
        }
        atMostOnes.add(literals.clone());
    }

    public int atMostOneCount() {
        return atMostOnes.size();
    }

    /** The at-most-one constraint at {@code index} (its literals; do not modify). */
    public int[] atMostOne(int index) {
        return atMostOnes.get(index);
    }

    /** {@code a} implies {@code b}. */
    public void addImplication(int a, int b) {
        addClause(-a, b);
    }

    public int clauseCount() {
        return clauses.size();
    }

    /** The clause at {@code index} (its literals; do not modify). */
    public int[] clause(int index) {
        return clauses.get(index);
    }

    /** The package named {@code name}, created on first use. */
    public PackageVars pkg(String name) {
        return packages.computeIfAbsent(name, n -> new PackageVars(this, n));
    }

    /** True if a package of that name has been added. */
    public boolean hasPackage(String name) {
        return packages.containsKey(name);
    }

    public PackageVars existingPackage(String name) {
        return packages.get(name);
    }

    public Iterable<PackageVars> packages() {
        return packages.values();
    }

    /** Counters for reports. */
    public String stats() {
        return varCount() + " variables, " + clauseCount() + " clauses, " + atMostOnes.size() + " at-most-one, "
                + packages.size() + " packages";
    }
}
