package spk.solver.backend;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which variables of a constraint set can be fixed false before a search without changing its
 * answer: those that occur only negated (in clauses, and un-negated in at-most-one constraints,
 * which forbid them together), and then, as fixing them satisfies the clauses they are negated
 * in, those left occurring only negated in the clauses not yet satisfied, and so on (the pure
 * literal rule, to a fixpoint). Nothing propagates such a variable true, so a model with it false
 * exists whenever a model exists; the assumptions' variables are never fixed, so an
 * unsatisfiable answer's core is one of the whole set too.
 *
 * <p>For CP-SAT this is most of the model of an explanation's check: the requirements of relaxed
 * requests and of builds nothing can ask for any more, whose free variables its fixed search
 * otherwise decided one by one, each decision paying a scan of the whole strategy
 * (docs/benchmarks.md). The satisfied constraints and the fixed variables are left out of the
 * model altogether ({@link CompactCpModel}).
 */
final class NegativeOnlyVariables {
    /** Per constraint (in the order added), its literals; an at-most-one is marked in {@link #atMostOne}. */
    private int[][] constraints = new int[64][];
    private final BitSet atMostOne = new BitSet();
    private int count;
    /** Per variable, how many constraints (not yet satisfied) have it un-negated. */
    private int[] positive = new int[1];
    /** Per variable, the clauses that have it negated, and those that have it un-negated, as constraint indexes. */
    private int[][] negatedIn = new int[1][];
    private int[] negatedCount = new int[1];
    private int[][] unnegatedIn = new int[1][];
    private int[] unnegatedCount = new int[1];
    /** Per constraint, how many of its literals are negated. */
    private int[] negatedLiterals = new int[64];
    /** Variables negated in an at-most-one. */
    private final BitSet pinned = new BitSet();

    /** Adds a clause (the next constraint). */
    void clause(int[] literals) {
        int index = add(literals.clone());
        for (int l : literals) {
            int v = grow(Math.abs(l));
            if (l > 0) {
                positive[v]++;
                unnegatedIn[v] = append(unnegatedIn[v], unnegatedCount[v]++, index);
            } else {
                negatedIn[v] = append(negatedIn[v], negatedCount[v]++, index);
                negatedLiterals[index]++;
            }
        }
    }

    private static int[] append(int[] list, int size, int value) {
        int[] out = list == null ? new int[2] : size == list.length ? Arrays.copyOf(list, size * 2) : list;
        out[size] = value;
        return out;
    }

    /**
     * Adds an at-most-one constraint (the next constraint): each of its literals is, pairwise,
     * negated in a clause. A negated literal in it counts as un-negated for good (such a
     * constraint is never taken as satisfied here, which is safe and does not occur today).
     */
    void atMostOne(int[] literals) {
        atMostOne.set(add(literals.clone()));
        for (int l : literals) {
            int v = grow(Math.abs(l));
            if (l < 0) {
                positive[v]++;
                pinned.set(v);
            }
        }
    }

    /** How many constraints were added. */
    int size() {
        return count;
    }

    /** The literals of constraint {@code index}. */
    int[] constraint(int index) {
        return constraints[index];
    }

    /** Whether constraint {@code index} is an at-most-one (else a clause). */
    boolean isAtMostOne(int index) {
        return atMostOne.get(index);
    }

    /** How many clauses have variable {@code v} negated ({@code negated}) or un-negated; the k-th of them. */
    int clausesWith(int v, boolean negated) {
        return v >= positive.length ? 0 : negated ? negatedCount[v] : unnegatedCount[v];
    }

    int clauseWith(int v, boolean negated, int k) {
        return negated ? negatedIn[v][k] : unnegatedIn[v][k];
    }

    /** How many literals of constraint {@code index} are negated (0 for an at-most-one). */
    int negatedLiterals(int index) {
        return negatedLiterals[index];
    }

    /** Whether variable {@code v} is negated in some at-most-one constraint. */
    boolean negatedInAtMostOne(int v) {
        return pinned.get(v);
    }

    private int add(int[] literals) {
        if (count == constraints.length) {
            constraints = Arrays.copyOf(constraints, count * 2);
            negatedLiterals = Arrays.copyOf(negatedLiterals, count * 2);
        }
        constraints[count] = literals;
        return count++;
    }

    private int grow(int v) {
        if (v >= positive.length) {
            int size = Math.max(v + 1, positive.length * 2);
            positive = Arrays.copyOf(positive, size);
            negatedIn = Arrays.copyOf(negatedIn, size);
            negatedCount = Arrays.copyOf(negatedCount, size);
            unnegatedIn = Arrays.copyOf(unnegatedIn, size);
            unnegatedCount = Arrays.copyOf(unnegatedCount, size);
        }
        return v;
    }

    /** Variables to fix false, and the constraints (by index) that fixing them satisfies. */
    record Fixed(BitSet variables, BitSet satisfied) {}

    /**
     * The variables among 1..{@code varCount} that can be fixed false, except those in
     * {@code keep} (assumed: an assumption must stay one, so that a core names it), and the
     * clauses that fixing them satisfies. A clause with a variable beyond {@code varCount}, or
     * kept, stays as it is unless another of its variables satisfies it.
     */
    Fixed fixableFalse(int varCount, BitSet keep) {
        grow(varCount);
        int[] left = positive.clone();
        BitSet fixed = new BitSet(varCount + 1);
        BitSet satisfied = new BitSet(count);
        int[] queue = new int[varCount + 1];
        int queued = 0;
        for (int v = 1; v <= varCount; v++) {
            if (left[v] == 0 && !keep.get(v)) {
                fixed.set(v);
                queue[queued++] = v;
            }
        }
        while (queued > 0) {
            int v = queue[--queued];
            for (int k = 0; k < negatedCount[v]; k++) {
                int c = negatedIn[v][k];
                if (satisfied.get(c)) {
                    continue;
                }
                satisfied.set(c);
                for (int l : constraints[c]) {
                    if (l > 0 && --left[l] == 0 && l <= varCount && !keep.get(l) && !fixed.get(l)) {
                        fixed.set(l);
                        queue[queued++] = l;
                    }
                }
            }
        }
        return new Fixed(fixed, satisfied);
    }
}
