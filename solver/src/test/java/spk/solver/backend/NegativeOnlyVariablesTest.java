package spk.solver.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class NegativeOnlyVariablesTest {
    private static BitSet of(int... vars) {
        BitSet b = new BitSet();
        for (int v : vars) {
            b.set(v);
        }
        return b;
    }

    @Test
    void onlyVariablesNeverUnnegatedInAClauseNorNegatedInAnAtMostOne() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, 2});      // 1 negated, 2 not
        n.clause(new int[] {-3, -1});     // 3 negated
        n.atMostOne(new int[] {4, 5});    // 4 and 5 forbidden together: negated, pairwise
        n.atMostOne(new int[] {-6, 7});   // 6 un-negated there
        n.clause(new int[] {6, -8});
        n.clause(new int[] {5, -9});      // 5 also un-negated
        assertEquals(of(1, 3, 4, 7, 8, 9), n.fixableFalse(10, new BitSet()));
    }

    @Test
    void keptVariablesAndVariablesBeyondTheCountAreLeftAlone() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, -2, -3, -40});
        assertEquals(of(2), n.fixableFalse(3, of(1, 3)));
    }

    @Test
    void aVariableUnnegatedLaterIsNoLongerFixable() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, -2});
        assertEquals(of(1, 2), n.fixableFalse(2, new BitSet()));
        n.clause(new int[] {1});
        assertEquals(of(2), n.fixableFalse(2, new BitSet()));
    }
}
