package spk.solver.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * What earlier consistency checks proved, kept to answer later checks without a SAT call.
 * Checks ask whether the whole problem can hold with some groups switched off ("relaxed") and
 * every other group kept, and the answer is monotone: keeping fewer groups cannot make it
 * unsatisfiable. So a check is satisfiable if an earlier model held every group it keeps, and
 * unsatisfiable if it keeps every group of an earlier core. Both facts are about the real
 * problem, not the encoding of the moment: a model the search returns is complete (every chosen
 * build's requirements are encoded, so groups made later, requirements of builds it did not
 * choose, hold in it), and a core names groups whose clauses alone cannot hold. Groups are
 * named by their position in the model's group list, which only grows.
 */
final class CheckFacts {
    /** A model's held groups, among the first {@code known} groups; later groups all hold in it. */
    private record Held(BitSet held, int known) {}

    /** An answer: whether the groups can hold, and if not, a core (group positions) that cannot. */
    record Known(boolean holds, BitSet core) {
        static final Known SATISFIABLE = new Known(true, new BitSet());
    }

    private final List<Held> models = new ArrayList<>();
    /**
     * A core: groups (by position) and the open ends it assumed false (literals); it stays a
     * fact while those open ends are still assumed, i.e. no literal was added behind them.
     */
    private record Core(BitSet groups, int[] openEnds) {}

    private final List<Core> cores = new ArrayList<>();

    void satisfiable(BitSet held, int known) {
        models.add(new Held(held, known));
    }

    void unsatisfiable(BitSet groups, int[] openEnds) {
        cores.add(new Core(groups, openEnds));
    }

    /**
     * The answer when an earlier check decides whether the groups {@code kept} (by position,
     * among {@code known} groups) can hold, with the open ends {@code assumed} accepts assumed
     * false; null when none does.
     */
    Known answer(IntPredicate kept, int known, IntPredicate assumed) {
        for (Core c : cores) {
            if (!Arrays.stream(c.openEnds()).allMatch(assumed::test)) {
                continue;
            }
            BitSet core = c.groups();
            boolean all = true;
            for (int i = core.nextSetBit(0); i >= 0; i = core.nextSetBit(i + 1)) {
                if (!kept.test(i)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return new Known(false, core);
            }
        }
        for (Held m : models) {
            if (holdsIn(m, kept, known)) {
                return Known.SATISFIABLE;
            }
        }
        return null;
    }

    private static boolean holdsIn(Held m, IntPredicate kept, int known) {
        int upTo = Math.min(known, m.known());
        for (int i = m.held().nextClearBit(0); i < upTo; i = m.held().nextClearBit(i + 1)) {
            if (kept.test(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest run {@code 0..k-1} of positions such that, with {@code base} kept too, an
     * earlier model held them all; {@code at(j)} is the group position of the j-th of them.
     * -1 if no model held {@code base}.
     */
    int longestHeldPrefix(IntPredicate base, int known, IntUnaryOperator at, int length) {
        int best = -1;
        for (Held m : models) {
            if (!holdsIn(m, base, known)) {
                continue;
            }
            int k = 0;
            while (k < length) {
                int pos = at.applyAsInt(k);
                if (pos < m.known() && !m.held().get(pos)) {
                    break;
                }
                k++;
            }
            best = Math.max(best, k);
        }
        return best;
    }

    /**
     * The shortest length k such that an earlier core lies within {@code base} and positions
     * {@code 0..k-1} ({@code order(slot)} gives a group position's place in that run, or -1 if it
     * is not in it): that prefix cannot hold with {@code base}. {@code none} if no core does.
     */
    int shortestCoveringPrefix(IntPredicate base, IntUnaryOperator order, IntPredicate assumed, int none) {
        int best = none;
        for (Core c : cores) {
            if (!Arrays.stream(c.openEnds()).allMatch(assumed::test)) {
                continue;
            }
            int need = 0;
            BitSet core = c.groups();
            for (int i = core.nextSetBit(0); i >= 0 && need < best; i = core.nextSetBit(i + 1)) {
                if (!base.test(i)) {
                    int at = order.applyAsInt(i);
                    need = at < 0 ? Integer.MAX_VALUE : Math.max(need, at + 1);
                }
            }
            best = Math.min(best, need);
        }
        return best;
    }
}
