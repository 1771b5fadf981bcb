package spk.solver.backend;

import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.ISolver;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;
import spk.constraint.ConstraintModel;

/** Sat4j's CDCL solver, used incrementally: clauses are added as the model grows. */
public final class Sat4jBackend implements SatBackend {
    private final ISolver solver = SolverFactory.newDefault();
    private final HintedPhases phases = new HintedPhases();
    private final GuidedOrder order = new GuidedOrder(phases);
    private int syncedClauses;
    private int syncedAtMostOnes;
    private int syncedVars;
    private boolean contradiction;
    private int solves;

    public Sat4jBackend() {
        solver.setTimeout(600);
        solver.setDBSimplificationAllowed(false);
        ((org.sat4j.minisat.core.Solver<?>) solver).setOrder(order);
    }

    @Override
    public void assertForever(int literal) {
        if (solver.nVars() < Math.abs(literal)) {
            solver.newVar(Math.abs(literal));
        }
        try {
            solver.addClause(new VecInt(new int[] {literal}));
        } catch (ContradictionException e) {
            contradiction = true;
        }
    }

    @Override
    public void guide(DecisionGuide guide) {
        order.guide(guide);
    }

    @Override
    public void hint(boolean[] preferTrue) {
        phases.set(preferTrue);
    }

    private void sync(ConstraintModel model) {
        if (model.varCount() > syncedVars) {
            solver.newVar(model.varCount());
            syncedVars = model.varCount();
        }
        for (; syncedClauses < model.clauseCount(); syncedClauses++) {
            if (contradiction) {
                continue;
            }
            try {
                solver.addClause(new VecInt(model.clause(syncedClauses)));
            } catch (ContradictionException e) {
                // the clauses alone are unsatisfiable, whatever the assumptions
                contradiction = true;
            }
        }
        for (; syncedAtMostOnes < model.atMostOneCount(); syncedAtMostOnes++) {
            if (contradiction) {
                continue;
            }
            try {
                solver.addAtMost(new VecInt(model.atMostOne(syncedAtMostOnes)), 1);
            } catch (ContradictionException e) {
                contradiction = true;
            }
        }
    }

    @Override
    public Outcome solve(ConstraintModel model, int[] assumptions) {
        sync(model);
        solves++;
        if (contradiction) {
            return new Outcome.Unsat(new int[0]);
        }
        try {
            if (solver.isSatisfiable(new VecInt(assumptions))) {
                boolean[] values = new boolean[model.varCount() + 1];
                for (int lit : solver.model()) {
                    if (lit > 0 && lit < values.length) {
                        values[lit] = true;
                    }
                }
                return new Outcome.Sat(values);
            }
            IVecInt core = solver.unsatExplanation();
            // Sat4j gives no explanation when an assumption is refuted by unit clauses alone;
            // all the assumptions are then the (safe) answer
            int[] out = core == null || core.isEmpty() ? assumptions.clone() : core.toArray();
            return new Outcome.Unsat(out);
        } catch (TimeoutException e) {
            throw new SolverTimeoutException("sat4j");
        }
    }

    @Override
    public String name() {
        return "sat4j";
    }

    @Override
    public int solveCount() {
        return solves;
    }

    @Override
    public void close() {
        solver.reset();
    }
}
