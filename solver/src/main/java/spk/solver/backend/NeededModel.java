package spk.solver.backend;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The part of a model that its constraints need: starting from the assumptions, every clause
 * whose negated variables are all true and that has no true un-negated literal yet gets the
 * first of its un-negated literals that the model makes true, and so on; every other variable
 * is false. That is again a model (of every clause, by construction, and of every at-most-one,
 * as it makes a subset of the variables true) and the assumptions hold in it.
 *
 * <p>CP-SAT's fixed search tries the best candidate of every package true, needed or not, where
 * Sat4j's guided order decides a package only once it is needed: without this, an explanation's
 * satisfiable check came back with every DCC of the catalog chosen, and each chosen build's
 * requirements had to be encoded before the answer counted (more rounds of solves, over a larger
 * model; docs/benchmarks.md).
 */
final class NeededModel {
    private final NegativeOnlyVariables constraints;
    private int indexed;
    /** Per variable, the clauses that have it un-negated, and those that have it negated. */
    private int[][] positiveIn = new int[1][];
    private int[] positiveCount = new int[1];
    private int[][] negatedIn = new int[1][];
    private int[] negatedCount = new int[1];
    /** Per clause, how many of its literals are negated. */
    private int[] negated = new int[64];
    /** Variables negated in an at-most-one: they keep the model's value. */
    private final BitSet pinned = new BitSet();

    NeededModel(NegativeOnlyVariables constraints) {
        this.constraints = constraints;
    }

    /**
     * The needed part of {@code values}, a model of every constraint in which the literals
     * {@code assumptions} hold: a model too, whose true variables are among those of
     * {@code values}. {@code values} itself where it is not a model.
     */
    boolean[] of(boolean[] values, int[] assumptions) {
        catchUp();
        grow(values.length);
        int clauses = constraints.size();
        int[] negatedTrue = new int[clauses];
        int[] positiveTrue = new int[clauses];
        boolean[] out = new boolean[values.length];
        int[] queue = new int[values.length];
        int queued = 0;
        for (int a : assumptions) {
            if (a > 0 && a < out.length && !out[a]) {
                out[a] = true;
                queue[queued++] = a;
            }
        }
        for (int v = pinned.nextSetBit(0); v >= 0 && v < values.length; v = pinned.nextSetBit(v + 1)) {
            if (values[v] && !out[v]) {
                out[v] = true;
                queue[queued++] = v;
            }
        }
        for (int c = 0; c < clauses; c++) {
            if (negated[c] == 0 && !constraints.isAtMostOne(c)) {
                int v = need(c, values, out);
                if (v < 0) {
                    return values;
                }
                if (v > 0) {
                    out[v] = true;
                    queue[queued++] = v;
                }
            }
        }
        while (queued > 0) {
            int v = queue[--queued];
            for (int k = 0; k < positiveCount[v]; k++) {
                positiveTrue[positiveIn[v][k]]++;
            }
            for (int k = 0; k < negatedCount[v]; k++) {
                int c = negatedIn[v][k];
                if (++negatedTrue[c] == negated[c] && positiveTrue[c] == 0) {
                    int w = need(c, values, out);
                    if (w < 0) {
                        return values;
                    }
                    if (w > 0) {
                        out[w] = true;
                        queue[queued++] = w;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The variable to make true for clause {@code c}, whose negated variables are all true: 0 if
     * one of its un-negated variables is true already, -1 if the model makes none true.
     */
    private int need(int c, boolean[] values, boolean[] out) {
        int first = -1;
        for (int l : constraints.constraint(c)) {
            if (l > 0 && l < values.length && values[l]) {
                if (out[l]) {
                    return 0;
                }
                if (first < 0) {
                    first = l;
                }
            }
        }
        return first;
    }

    /** Indexes the constraints added since the last call. */
    private void catchUp() {
        for (; indexed < constraints.size(); indexed++) {
            int c = indexed;
            int[] literals = constraints.constraint(c);
            if (c >= negated.length) {
                negated = Arrays.copyOf(negated, Math.max(c + 1, negated.length * 2));
            }
            for (int l : literals) {
                int v = grow(Math.abs(l));
                if (constraints.isAtMostOne(c)) {
                    if (l < 0) {
                        pinned.set(v);
                    }
                } else if (l > 0) {
                    positiveIn[v] = append(positiveIn[v], positiveCount[v]++, c);
                } else {
                    negatedIn[v] = append(negatedIn[v], negatedCount[v]++, c);
                    negated[c]++;
                }
            }
        }
    }

    private int grow(int v) {
        if (v >= positiveCount.length) {
            int size = Math.max(v + 1, positiveCount.length * 2);
            positiveIn = Arrays.copyOf(positiveIn, size);
            positiveCount = Arrays.copyOf(positiveCount, size);
            negatedIn = Arrays.copyOf(negatedIn, size);
            negatedCount = Arrays.copyOf(negatedCount, size);
        }
        return v;
    }

    private static int[] append(int[] list, int size, int value) {
        int[] out = list == null ? new int[2] : size == list.length ? Arrays.copyOf(list, size * 2) : list;
        out[size] = value;
        return out;
    }
}
