package spk.solver.backend;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.Literal;
import java.util.ArrayList;
import java.util.List;
import spk.constraint.ConstraintModel;

/**
 * OR-Tools CP-SAT as a pure satisfiability back end. CP-SAT is not incremental, so the CP model
 * keeps the clauses added so far and each solve passes the assumptions anew. One worker and a
 * fixed seed make answers repeatable.
 */
public final class CpSatBackend implements SatBackend {
    private final CpModel cp;
    private final List<BoolVar> vars = new ArrayList<>();
    private boolean[] hints = new boolean[0];
    private int syncedClauses;
    private int syncedAtMostOnes;
    private int solves;

    public CpSatBackend() {
        Loader.loadNativeLibraries();
        cp = new CpModel();
        vars.add(null);
    }

    private Literal lit(int l) {
        BoolVar v = vars.get(Math.abs(l));
        return l > 0 ? v : v.not();
    }

    private void sync(ConstraintModel model) {
        while (vars.size() <= model.varCount()) {
            vars.add(cp.newBoolVar("v" + vars.size()));
        }
        for (; syncedClauses < model.clauseCount(); syncedClauses++) {
            cp.addBoolOr(literals(model.clause(syncedClauses)));
        }
        for (; syncedAtMostOnes < model.atMostOneCount(); syncedAtMostOnes++) {
            cp.addAtMostOne(literals(model.atMostOne(syncedAtMostOnes)));
        }
    }

    private Literal[] literals(int[] c) {
        Literal[] lits = new Literal[c.length];
        for (int i = 0; i < c.length; i++) {
            lits[i] = lit(c[i]);
        }
        return lits;
    }

    private final List<Integer> forever = new ArrayList<>();

    @Override
    public void assertForever(int literal) {
        forever.add(literal);
    }

    @Override
    public void hint(boolean[] preferTrue) {
        hints = preferTrue.clone();
    }

    @Override
    public Outcome solve(ConstraintModel model, int[] assumptions) {
        sync(model);
        solves++;
        cp.clearHints();
        for (int v = 1; v < vars.size(); v++) {
            if (v < hints.length && hints[v]) {
                cp.addHint(vars.get(v), true);
            }
        }
        cp.clearAssumptions();
        while (!forever.isEmpty()) {
            cp.addBoolOr(new Literal[] {lit(forever.remove(forever.size() - 1))});
        }
        Literal[] assume = new Literal[assumptions.length];
        for (int i = 0; i < assumptions.length; i++) {
            assume[i] = lit(assumptions[i]);
        }
        cp.addAssumptions(assume);
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setRandomSeed(1).setMaxTimeInSeconds(600);
        CpSolverStatus status = solver.solve(cp);
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            boolean[] values = new boolean[model.varCount() + 1];
            for (int v = 1; v <= model.varCount(); v++) {
                values[v] = solver.booleanValue(vars.get(v));
            }
            return new Outcome.Sat(values);
        }
        if (status == CpSolverStatus.INFEASIBLE) {
            List<Integer> core = solver.sufficientAssumptionsForInfeasibility();
            int[] out = new int[core.size()];
            for (int i = 0; i < out.length; i++) {
                // CP-SAT names a literal by its variable's index, or -index-1 when negated; our
                // variable v is CP-SAT's variable v-1, as they were created in order
                int idx = core.get(i);
                out[i] = idx >= 0 ? idx + 1 : -(-idx - 1 + 1);
            }
            return new Outcome.Unsat(out);
        }
        throw new SolverTimeoutException("cpsat");
    }

    @Override
    public String name() {
        return "cpsat";
    }

    @Override
    public int solveCount() {
        return solves;
    }

    @Override
    public void close() {
        // CP-SAT keeps nothing outside the Java model
    }
}
