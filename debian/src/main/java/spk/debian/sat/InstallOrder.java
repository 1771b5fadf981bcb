package spk.debian.sat;

import java.io.PrintWriter;
import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.ILits;
import org.sat4j.minisat.core.IOrder;
import org.sat4j.minisat.core.IPhaseSelectionStrategy;
import org.sat4j.minisat.orders.RSATPhaseSelectionStrategy;

/**
 * Sat4j's decisions for installability, in three tiers, each cheap to find:
 *
 * <ol>
 *   <li>a dependency (or root) of a package already chosen that nothing chosen satisfies yet:
 *       choose its best candidate still open (so the search follows dependencies, as
 *       dose-distcheck's and apt's solvers do, instead of deciding variables by activity);
 *   <li>otherwise, the next <em>preferred</em> package still open: choose it (the certifying
 *       rounds prefer every package not yet known installable, so one model certifies many);
 *   <li>otherwise, the next variable still open: leave it out (false).
 * </ol>
 *
 * Chosen packages are tracked as Sat4j propagates and unsets them; after any step back the
 * scans start again from the front, which is rare next to plain decisions.
 */
final class InstallOrder implements IOrder {
    private ILits lits;
    private final Goals goals;
    /** Chosen package variables, in the order they were assigned (a sub-sequence of the trail). */
    private int[] chosen = new int[1024];
    private int chosenCount;
    /** chosen[0..checked) have every dependency satisfied. */
    private int checked;
    private int[] preferred = new int[0];
    private int preferredCursor;
    /** The position of each variable in {@code preferred}, or -1. */
    private int[] preferredAt = new int[0];
    private int restCursor;
    private IPhaseSelectionStrategy phases = new RSATPhaseSelectionStrategy();

    /** Tier 3's order: packages nothing depends on first, the most depended-on last (see {@link #leavesFirst}). */
    private int[] rest = new int[0];
    private int[] restAt = new int[0];

    InstallOrder(Goals goals) {
        this.goals = goals;
    }

    /**
     * Variables 1..n ordered by how many dependencies list them, fewest first. Leaving a package
     * out before what it depends on satisfies its dependency clauses at once; the other way round,
     * each clause would first look for another candidate (what most of a solve's time goes to).
     */
    private void leavesFirst(int n) {
        int[] count = new int[n + 1];
        for (int v = 1; v < goals.of().length; v++) {
            for (int[] dep : goals.of(v)) {
                for (int c : dep) {
                    if (c <= n) {
                        count[c]++;
                    }
                }
            }
        }
        Integer[] vars = new Integer[n];
        for (int v = 1; v <= n; v++) {
            vars[v - 1] = v;
        }
        java.util.Arrays.sort(vars, (a, b) -> Integer.compare(count[a], count[b]));
        rest = new int[n];
        restAt = new int[n + 1];
        for (int i = 0; i < n; i++) {
            rest[i] = vars[i];
            restAt[vars[i]] = i;
        }
    }

    /** Packages to choose when nothing else is needed, in order; an empty array turns tier 2 off. */
    void prefer(int[] vars, int varCount) {
        this.preferred = vars;
        this.preferredCursor = 0;
        if (preferredAt.length <= varCount) {
            preferredAt = new int[varCount + 1];
        }
        java.util.Arrays.fill(preferredAt, -1);
        for (int i = 0; i < vars.length; i++) {
            preferredAt[vars[i]] = i;
        }
    }

    @Override
    public int select() {
        for (int[] root : goals.roots()) {
            int d = open(root);
            if (d != 0) {
                return d;
            }
        }
        while (checked < chosenCount) {
            int v = chosen[checked];
            for (int[] dep : goals.of(v)) {
                int d = open(dep);
                if (d != 0) {
                    return d;
                }
            }
            checked++;
        }
        while (preferredCursor < preferred.length) {
            int lit = LiteralsUtils.posLit(preferred[preferredCursor]);
            if (lits.isUnassigned(lit)) {
                return lit;
            }
            preferredCursor++;
        }
        int n = lits.nVars();
        if (rest.length != n) {
            leavesFirst(n);
            restCursor = 0;
        }
        while (restCursor < n) {
            int lit = LiteralsUtils.negLit(rest[restCursor]);
            if (lits.isUnassigned(lit)) {
                return lit;
            }
            restCursor++;
        }
        return ILits.UNDEFINED;
    }

    /**
     * The best open candidate of a dependency nothing chosen satisfies, or 0 when it is
     * satisfied. A preferred candidate comes first: when certifying, an older version nothing
     * has chosen yet is worth more than the newest one, already known to install.
     */
    private int open(int[] candidates) {
        int first = 0;
        int preferredOpen = 0;
        for (int c : candidates) {
            int lit = LiteralsUtils.posLit(c);
            if (lits.isSatisfied(lit)) {
                return 0;
            }
            if (lits.isUnassigned(lit)) {
                if (first == 0) {
                    first = lit;
                }
                if (preferredOpen == 0 && c < preferredAt.length && preferredAt[c] >= 0) {
                    preferredOpen = lit;
                }
            }
        }
        return preferredOpen != 0 ? preferredOpen : first;
    }

    @Override
    public void setLits(ILits lits) {
        this.lits = lits;
    }

    @Override
    public void init() {
        checked = 0;
        preferredCursor = 0;
        restCursor = 0;
    }

    /** Sat4j unsets variables in reverse trail order, calling this for each. */
    @Override
    public void undo(int x) {
        if (chosenCount > 0 && chosen[chosenCount - 1] == x) {
            chosenCount--;
        }
        // whatever satisfied a dependency may be gone: check them again from the front
        checked = 0;
        if (x < preferredAt.length && preferredAt[x] >= 0) {
            preferredCursor = Math.min(preferredCursor, preferredAt[x]);
        }
        if (x < restAt.length) {
            restCursor = Math.min(restCursor, restAt[x]);
        }
    }

    @Override
    public void updateVar(int p) {
        // no activity: the tiers decide
    }

    @Override
    public void updateVar(int p, double value) {
        // no activity
    }

    @Override
    public void printStat(PrintWriter out, String prefix) {
        // nothing to report
    }

    @Override
    public void setVarDecay(double d) {
        // no activity
    }

    @Override
    public void varDecayActivity() {
        // no activity
    }

    @Override
    public double varActivity(int p) {
        return 0;
    }

    /** Sat4j calls this for each literal of the trail as it propagates it, in trail order. */
    @Override
    public void assignLiteral(int p) {
        if ((p & 1) == 0) {
            if (chosenCount == chosen.length) {
                chosen = java.util.Arrays.copyOf(chosen, chosen.length * 2);
            }
            chosen[chosenCount++] = p >> 1;
        }
    }

    @Override
    public void setPhaseSelectionStrategy(IPhaseSelectionStrategy strategy) {
        this.phases = strategy;
    }

    @Override
    public IPhaseSelectionStrategy getPhaseSelectionStrategy() {
        return phases;
    }

    @Override
    public void updateVarAtDecisionLevel(int q) {
        // no activity
    }

    @Override
    public double[] getVariableHeuristics() {
        return new double[0];
    }
}
