package spk.debian.sat;

import org.sat4j.core.VecInt;
import org.sat4j.minisat.SolverFactory;
import org.sat4j.minisat.core.Solver;
import org.sat4j.specs.ContradictionException;
import org.sat4j.specs.IVecInt;
import org.sat4j.specs.TimeoutException;
import spk.constraint.ConstraintModel;
import spk.solver.backend.SatBackend;
import spk.solver.backend.SolverTimeoutException;

/**
 * Sat4j's CDCL solver, used incrementally over a {@link ConstraintModel}, deciding as an
 * installer does ({@link InstallOrder}): follow the dependencies of what is chosen, then the
 * hinted packages, then leave the rest out. It answers the same questions as the project's
 * {@code Sat4jBackend} (satisfiable under assumptions, with a model or a core); only the
 * decision order differs, which changes speed and which model is found, never the answer.
 */
public final class InstallSat implements SatBackend {
    private final Solver<?> solver;
    private final InstallOrder order;
    private int syncedClauses;
    private int syncedAtMostOnes;
    private int syncedVars;
    private boolean contradiction;
    private int solves;

    /** @param goals the dependencies the decisions follow, by variable */
    public InstallSat(Goals goals) {
        this.solver = (Solver<?>) SolverFactory.newDefault();
        this.order = new InstallOrder(goals);
        solver.setOrder(order);
        solver.setTimeout(600);
        solver.setDBSimplificationAllowed(false);
    }

    private void sync(ConstraintModel model) {
        if (model.varCount() > syncedVars) {
            solver.newVar(model.varCount());
            // Sat4j only sets up a variable once a clause mentions it; the decision order may
            // choose one no clause mentions (a package with no relations at all)
            for (int v = syncedVars + 1; v <= model.varCount(); v++) {
                solver.getVocabulary().getFromPool(v);
            }
            syncedVars = model.varCount();
        }
        try {
            for (; syncedClauses < model.clauseCount() && !contradiction; syncedClauses++) {
                solver.addClause(new VecInt(model.clause(syncedClauses)));
            }
            for (; syncedAtMostOnes < model.atMostOneCount() && !contradiction; syncedAtMostOnes++) {
                solver.addAtMost(new VecInt(model.atMostOne(syncedAtMostOnes)), 1);
            }
        } catch (ContradictionException e) {
            // the constraints alone cannot hold, whatever is assumed
            contradiction = true;
        }
    }

    /** Loads what the model holds now, so the cost is paid before the first solve is timed. */
    public void load(ConstraintModel model) {
        sync(model);
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
            return new Outcome.Unsat(core == null || core.isEmpty() ? assumptions.clone() : core.toArray());
        } catch (TimeoutException e) {
            throw new SolverTimeoutException("sat4j");
        }
    }

    /**
     * The packages to choose, in variable order, when no dependency is waiting: every variable
     * hinted true. Without hints nothing beyond what the assumptions need is chosen.
     */
    @Override
    public void hint(boolean[] preferTrue) {
        int n = 0;
        for (int v = 1; v < preferTrue.length; v++) {
            if (preferTrue[v]) {
                n++;
            }
        }
        int[] vars = new int[n];
        n = 0;
        for (int v = 1; v < preferTrue.length; v++) {
            if (preferTrue[v]) {
                vars[n++] = v;
            }
        }
        order.prefer(vars, Math.max(syncedVars, preferTrue.length));
    }

    @Override
    public void assertForever(int literal) {
        try {
            solver.addClause(new VecInt(new int[] {literal}));
        } catch (ContradictionException e) {
            contradiction = true;
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
