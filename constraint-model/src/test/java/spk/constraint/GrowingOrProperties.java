package spk.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A growing disjunction, however its literals arrive (between flushes, before or after a close),
 * means exactly "head implies one of the literals added so far" once the open end is assumed
 * false: checked against every assignment of the variables, by brute force. Each case comes from
 * a random {@code long}; a failure shows it and QuickTheories' "Seed was N" ({@code -DQT_SEED=N}
 * replays the run).
 */
class GrowingOrProperties {
    @Test
    void meansHeadImpliesSomeAddedLiteral() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(GrowingOrProperties::holdsForCase);
    }

    private static void holdsForCase(long seed) {
        Random r = new Random(seed);
        ConstraintModel m = new ConstraintModel();
        int head = m.newVar("head");
        int base = 1 + r.nextInt(4);
        int[] vars = new int[base];
        for (int i = 0; i < base; i++) {
            vars[i] = m.newVar("x" + i);
        }
        GrowingOr or = m.growingOr(head, "test");
        List<Integer> added = new ArrayList<>();
        int steps = 1 + r.nextInt(6);
        for (int s = 0; s < steps; s++) {
            int lit = vars[r.nextInt(base)] * (r.nextBoolean() ? 1 : -1);
            or.add(lit);
            added.add(lit);
            if (r.nextInt(3) == 0) {
                check(m, head, vars, added, m.openEnds());
            }
        }
        if (r.nextBoolean()) {
            or.close();
        }
        check(m, head, vars, added, m.openEnds());
    }

    /** For every assignment of head and the x's: satisfiable with the assumptions iff head → ⋁ added. */
    private static void check(ConstraintModel m, int head, int[] vars, List<Integer> added, int[] assumptions) {
        int n = 1 + vars.length;
        for (int bits = 0; bits < (1 << n); bits++) {
            boolean[] value = new boolean[m.varCount() + 1];
            value[head] = (bits & 1) != 0;
            for (int i = 0; i < vars.length; i++) {
                value[vars[i]] = (bits & (2 << i)) != 0;
            }
            boolean expected = !value[head] || added.stream().anyMatch(l -> l > 0 ? value[l] : !value[-l]);
            assertEquals(expected, satisfiable(m, value, n + 1, assumptions), "assignment " + Integer.toBinaryString(bits)
                    + " of head and " + added);
        }
    }

    /** Whether some assignment of the variables from {@code firstFree} on satisfies every clause and assumption. */
    private static boolean satisfiable(ConstraintModel m, boolean[] value, int firstFree, int[] assumptions) {
        int free = m.varCount() - firstFree + 1;
        for (int bits = 0; bits < (1 << free); bits++) {
            for (int i = 0; i < free; i++) {
                value[firstFree + i] = (bits & (1 << i)) != 0;
            }
            if (holds(m, value, assumptions)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(ConstraintModel m, boolean[] value, int[] assumptions) {
        for (int a : assumptions) {
            if (!lit(value, a)) {
                return false;
            }
        }
        for (int c = 0; c < m.clauseCount(); c++) {
            boolean any = false;
            for (int l : m.clause(c)) {
                any |= lit(value, l);
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private static boolean lit(boolean[] value, int l) {
        return l > 0 ? value[l] : !value[-l];
    }
}
