package spk.solver.backend;

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

    NeededModel(NegativeOnlyVariables constraints) {
        this.constraints = constraints;
    }

    /**
     * The needed part of {@code values}, a model of every constraint in which the literals
     * {@code assumptions} hold: a model too, whose true variables are among those of
     * {@code values}. {@code values} itself where it is not a model.
     */
    boolean[] of(boolean[] values, int[] assumptions) {
        int clauses = constraints.size();
        int[] negatedTrue = new int[clauses];
        int[] unnegatedTrue = new int[clauses];
        Queue queue = new Queue(values.length);
        for (int a : assumptions) {
            if (a > 0 && a < values.length) {
                queue.add(a);
            }
        }
        for (int v = 1; v < values.length; v++) {
            if (values[v] && constraints.negatedInAtMostOne(v)) {
                queue.add(v); // keeps its value, so the at-most-one holds as it did
            }
        }
        for (int c = 0; c < clauses; c++) {
            if (constraints.negatedLiterals(c) == 0 && !constraints.isAtMostOne(c) && !need(c, values, queue)) {
                return values;
            }
        }
        while (!queue.isEmpty()) {
            int v = queue.next();
            for (int k = 0; k < constraints.clausesWith(v, false); k++) {
                unnegatedTrue[constraints.clauseWith(v, false, k)]++;
            }
            for (int k = 0; k < constraints.clausesWith(v, true); k++) {
                int c = constraints.clauseWith(v, true, k);
                if (++negatedTrue[c] == constraints.negatedLiterals(c) && unnegatedTrue[c] == 0
                        && !need(c, values, queue)) {
                    return values;
                }
            }
        }
        return queue.made;
    }

    /**
     * Makes true, for clause {@code c} whose negated variables all are, its first un-negated
     * variable that {@code values} makes true, unless one is already; false if there is none.
     */
    private boolean need(int c, boolean[] values, Queue queue) {
        int first = -1;
        for (int l : constraints.constraint(c)) {
            if (l > 0 && l < values.length && values[l]) {
                if (queue.made[l]) {
                    return true;
                }
                if (first < 0) {
                    first = l;
                }
            }
        }
        if (first > 0) {
            queue.add(first);
        }
        return first > 0;
    }

    /** The variables made true so far, and those whose clauses are still to be looked at. */
    private static final class Queue {
        final boolean[] made;
        private final int[] pending;
        private int size;

        Queue(int length) {
            made = new boolean[length];
            pending = new int[length];
        }

        void add(int v) {
            if (!made[v]) {
                made[v] = true;
                pending[size++] = v;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        int next() {
            return pending[--size];
        }
    }
}
