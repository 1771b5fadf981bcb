package spk.solver.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NeededModelTest {
    private static boolean[] values(int vars, int... trueVars) {
        boolean[] v = new boolean[vars + 1];
        for (int t : trueVars) {
            v[t] = true;
        }
        return v;
    }

    /**
     * A package P (candidates 2, 3; 4 holds when one is chosen) that the request 1 needs, and a
     * package Q (candidates 5, 6; 7 holds when one is chosen) that nothing needs but the model
     * chose, with 5 requiring 8: Q's candidate and its "some candidate" variable hold each other
     * up, so no variable of Q can be dropped alone; what the clauses need leaves Q out.
     */
    @Test
    void whatNothingNeedsIsLeftOutEvenWhereItHoldsItselfUp() {
        NegativeOnlyVariables c = new NegativeOnlyVariables();
        c.clause(new int[] {-1, 2, 3});
        c.clause(new int[] {-4, 2, 3});
        c.clause(new int[] {-2, 4});
        c.clause(new int[] {-3, 4});
        c.atMostOne(new int[] {2, 3});
        c.clause(new int[] {-7, 5, 6});
        c.clause(new int[] {-5, 7});
        c.clause(new int[] {-6, 7});
        c.clause(new int[] {-5, 8});
        c.atMostOne(new int[] {5, 6});
        boolean[] model = values(8, 1, 3, 4, 5, 7, 8);
        assertArrayEquals(values(8, 1, 3, 4), new NeededModel(c).of(model, new int[] {1}));
        assertArrayEquals(values(8, 1, 3, 4, 5, 7, 8), new NeededModel(c).of(model, new int[] {1, 5}));
    }

    @Test
    void aClauseWithNothingNegatedGetsItsFirstTrueLiteral() {
        NegativeOnlyVariables c = new NegativeOnlyVariables();
        c.clause(new int[] {2, 3, 1});
        c.clause(new int[] {-3, 4});
        NeededModel needed = new NeededModel(c);
        assertArrayEquals(values(4, 3, 4), needed.of(values(4, 1, 3, 4), new int[] {-2}));
        c.clause(new int[] {1});
        assertArrayEquals(values(4, 1, 3, 4), needed.of(values(4, 1, 3, 4), new int[] {-2}));
    }

    @Test
    void aVariableNegatedInAnAtMostOneKeepsItsValue() {
        NegativeOnlyVariables c = new NegativeOnlyVariables();
        c.atMostOne(new int[] {-1, 2});
        c.clause(new int[] {-3, 2});
        assertArrayEquals(values(3, 1), new NeededModel(c).of(values(3, 1, 2, 3), new int[0]));
        assertArrayEquals(values(3), new NeededModel(c).of(values(3), new int[0]));
    }

    @Test
    void notAModelIsGivenBackAsItIs() {
        NegativeOnlyVariables c = new NegativeOnlyVariables();
        c.clause(new int[] {1, 2});
        boolean[] notAModel = values(2);
        assertArrayEquals(notAModel, new NeededModel(c).of(notAModel, new int[0]));
    }
}
