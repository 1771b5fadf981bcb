package spk.solver.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class NegativeOnlyVariablesTest {
    private static BitSet of(int... bits) {
        BitSet b = new BitSet();
        for (int v : bits) {
            b.set(v);
        }
        return b;
    }

    @Test
    void variablesNeverUnnegatedInAClauseNorNegatedInAnAtMostOne() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, 2});      // 0: 1 negated; 2 not, but fixing 1 satisfies it
        n.clause(new int[] {-3, -1});     // 1: 3 negated
        n.atMostOne(new int[] {4, 5});    // 2: 4 and 5 forbidden together: negated, pairwise
        n.atMostOne(new int[] {-6, 7});   // 3: 6 un-negated there, for good
        n.clause(new int[] {6, -8});      // 4
        n.clause(new int[] {5, -9});      // 5: 5 un-negated until 9 is fixed
        NegativeOnlyVariables.Fixed f = n.fixableFalse(10, new BitSet());
        assertEquals(of(1, 2, 3, 4, 5, 7, 8, 9, 10), f.variables()); // 10 occurs nowhere
        assertEquals(of(0, 1, 4, 5), f.satisfied());
    }

    @Test
    void fixingAVariableFreesTheVariablesOfTheClausesItSatisfies() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, 2});
        n.clause(new int[] {-2, 3});
        n.clause(new int[] {-3, -4});
        n.clause(new int[] {4, 5});
        assertEquals(of(1, 2, 3), n.fixableFalse(5, of(4, 5)).variables());
        assertEquals(of(0, 1, 2), n.fixableFalse(5, of(4, 5)).satisfied());
    }

    @Test
    void anAssumedVariableStopsTheChain() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, 2});
        n.clause(new int[] {-2, 3});
        NegativeOnlyVariables.Fixed f = n.fixableFalse(3, of(2));
        assertEquals(of(1), f.variables());
        assertEquals(of(0), f.satisfied());
    }

    @Test
    void keptVariablesAndVariablesBeyondTheCountAreLeftAlone() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, -2, -3, -40});
        NegativeOnlyVariables.Fixed f = n.fixableFalse(3, of(1, 3));
        assertEquals(of(2), f.variables());
        assertEquals(of(0), f.satisfied());
    }

    @Test
    void aVariableUnnegatedLaterIsNoLongerFixable() {
        NegativeOnlyVariables n = new NegativeOnlyVariables();
        n.clause(new int[] {-1, -2});
        assertEquals(of(1, 2), n.fixableFalse(2, new BitSet()).variables());
        n.clause(new int[] {1});
        assertEquals(of(2), n.fixableFalse(2, new BitSet()).variables());
        assertEquals(of(0), n.fixableFalse(2, new BitSet()).satisfied());
    }
}
