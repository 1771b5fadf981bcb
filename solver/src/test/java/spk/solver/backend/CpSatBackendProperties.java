package spk.solver.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spk.constraint.ConstraintModel;

/**
 * CP-SAT, which is handed each solve's model without the variables nothing can make true and
 * the clauses fixing them satisfies, answers as Sat4j does on random clause sets that grow
 * between solves: the same verdict under the same assumptions, a model of every clause,
 * at-most-one and assumption, and a core among the assumptions that Sat4j also refutes.
 */
class CpSatBackendProperties {
    @Test
    void cpSatAnswersAsSat4jDoes() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(CpSatBackendProperties::check);
    }

    private static void check(long seed) {
        Random r = new Random(seed);
        ConstraintModel model = new ConstraintModel();
        int vars = 4 + r.nextInt(12);
        for (int v = 1; v <= vars; v++) {
            model.newVar("v" + v);
        }
        try (CpSatBackend cpSat = new CpSatBackend(); Sat4jBackend sat4j = new Sat4jBackend()) {
            for (int round = 0; round < 4; round++) {
                for (int c = 0; c < 2 + r.nextInt(vars); c++) {
                    model.addClause(literals(r, vars, 1 + r.nextInt(3)));
                }
                if (r.nextInt(3) == 0) {
                    model.addAtMostOne(Arrays.stream(literals(r, vars, 2 + r.nextInt(3))).map(Math::abs).distinct().toArray());
                }
                int[] assumptions = Arrays.stream(literals(r, vars, r.nextInt(4))).toArray();
                SatBackend.Outcome a = cpSat.solve(model, assumptions);
                SatBackend.Outcome b = sat4j.solve(model, assumptions);
                String what = "seed " + seed + ", round " + round + ", assuming " + Arrays.toString(assumptions);
                assertEquals(b.getClass(), a.getClass(), what);
                if (a instanceof SatBackend.Outcome.Sat s) {
                    assertTrue(isModel(model, s.model(), assumptions), what + ": not a model");
                } else {
                    int[] core = ((SatBackend.Outcome.Unsat) a).core();
                    List<Integer> assumed = Arrays.stream(assumptions).boxed().toList();
                    assertTrue(Arrays.stream(core).allMatch(assumed::contains), what + ": core " + Arrays.toString(core));
                    try (Sat4jBackend check = new Sat4jBackend()) {
                        assertTrue(check.solve(model, core) instanceof SatBackend.Outcome.Unsat, what + ": core holds");
                    }
                }
            }
        }
    }

    /** Distinct variables, each negated or not at random. */
    private static int[] literals(Random r, int vars, int count) {
        List<Integer> out = new ArrayList<>();
        while (out.size() < Math.min(count, vars)) {
            int v = 1 + r.nextInt(vars);
            if (!out.contains(v) && !out.contains(-v)) {
                out.add(r.nextBoolean() ? v : -v);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean isModel(ConstraintModel model, boolean[] values, int[] assumptions) {
        for (int i = 0; i < model.clauseCount(); i++) {
            if (Arrays.stream(model.clause(i)).noneMatch(l -> holds(values, l))) {
                return false;
            }
        }
        for (int i = 0; i < model.atMostOneCount(); i++) {
            if (Arrays.stream(model.atMostOne(i)).filter(l -> holds(values, l)).count() > 1) {
                return false;
            }
        }
        return Arrays.stream(assumptions).allMatch(l -> holds(values, l));
    }

    private static boolean holds(boolean[] values, int literal) {
        return literal > 0 ? values[literal] : !values[-literal];
    }
}
