package spk.solver.backend;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Which variables of a clause set occur only negated (in clauses, and un-negated in at-most-one
 * constraints, which forbid them together). Such a variable is never made true by propagation,
 * only by a decision, so fixing it false before a search loses no solution and changes no
 * propagation; CP-SAT's fixed search otherwise decided each of them one by one after the guided
 * candidates, and paid a scan of the whole guide for every such decision (docs/benchmarks.md).
 */
final class NegativeOnlyVariables {
    private int[] positive = new int[1];
    private int[] negative = new int[1];

    /** Counts a clause's literals. */
    void clause(int[] literals) {
        for (int l : literals) {
            count(l);
        }
    }

    /** Counts an at-most-one constraint's literals: each is, pairwise, negated in a clause. */
    void atMostOne(int[] literals) {
        for (int l : literals) {
            count(-l);
        }
    }

    private void count(int literal) {
        int v = Math.abs(literal);
        if (v >= positive.length) {
            int size = Math.max(v + 1, positive.length * 2);
            positive = Arrays.copyOf(positive, size);
            negative = Arrays.copyOf(negative, size);
        }
        if (literal > 0) {
            positive[v]++;
        } else {
            negative[v]++;
        }
    }

    /**
     * The variables among 1..{@code varCount} that occur only negated, except those in
     * {@code keep} (assumed, guided or hinted, whose values the caller decides or reads).
     */
    BitSet fixableFalse(int varCount, BitSet keep) {
        BitSet out = new BitSet(varCount + 1);
        for (int v = 1; v <= varCount && v < positive.length; v++) {
            if (negative[v] > 0 && positive[v] == 0 && !keep.get(v)) {
                out.set(v);
            }
        }
        return out;
    }
}
