package spk.solver.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.ortools.sat.CpModelProto;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactCpModelTest {
    private static CompactCpModel model() {
        BitSet fixed = new BitSet();
        fixed.set(2);
        fixed.set(4);
        return new CompactCpModel(5, fixed); // 1, 3, 5 are CP-SAT's 0, 1, 2
    }

    @Test
    void theVariablesLeftAreNumberedAfreshAndTheFixedOnesLeftOut() throws Exception {
        CompactCpModel m = model();
        m.constraint(new int[] {1, 3, -5}, false);
        m.constraint(new int[] {1, 2, 3, 4}, true);
        m.constraint(new int[] {2, 4}, true);
        m.implications(5, new int[] {-1, 3});
        m.strategy(new int[] {3, 2, 1});
        m.assumptions(new int[] {-5, 1});
        m.hint(new int[] {1, 2, 3}, new boolean[] {true, true, false});
        CpModelProto p = CpModelProto.parseFrom(m.bytes());
        assertEquals(3, p.getVariablesCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(0L, 1L), p.getVariables(i).getDomainList());
        }
        assertEquals(List.of(0, 1, -3), p.getConstraints(0).getBoolOr().getLiteralsList());
        assertEquals(List.of(0, 1), p.getConstraints(1).getAtMostOne().getLiteralsList());
        assertEquals(List.of(), p.getConstraints(2).getAtMostOne().getLiteralsList());
        assertEquals(List.of(2), p.getConstraints(3).getEnforcementLiteralList());
        assertEquals(List.of(-1, 1), p.getConstraints(3).getBoolAnd().getLiteralsList());
        assertEquals(List.of(1, 0), p.getSearchStrategy(0).getExprsList().stream()
                .map(e -> e.getVars(0)).toList());
        assertEquals(List.of(-3, 0), p.getAssumptionsList());
        assertEquals(List.of(0, 1), p.getSolutionHint().getVarsList());
        assertEquals(List.of(1L, 0L), p.getSolutionHint().getValuesList());
        assertEquals(-5, m.literal(-3));
        assertEquals(3, m.literal(1));
        assertEquals(5, m.var(2));
        assertEquals(3, m.size());
    }

    @Test
    void aClauseThatAFixedVariableSatisfiesCannotBeWritten() {
        assertThrows(IllegalStateException.class, () -> model().constraint(new int[] {1, -2}, false));
        assertThrows(IllegalStateException.class, () -> model().assumptions(new int[] {4}));
    }
}
