package spk.solver.backend;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.DecisionStrategyProto;
import com.google.ortools.sat.SatParameters;
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
    private DecisionGuide guide = new DecisionGuide(List.of());

    @Override
    public void guide(DecisionGuide g) {
        this.guide = g;
    }

    /**
     * CP-SAT's own branching knows nothing of SPK's preferences, so each improvement step would
     * find a barely better solution; a fixed search over the candidates, package by package and
     * best first, makes its first solutions the preferred ones, as the guided Sat4j order does.
     */
    private void applyGuide() {
        cp.getBuilder().clearSearchStrategy();
        List<Literal> order = new ArrayList<>();
        for (DecisionGuide.Guided p : guide.packages()) {
            for (int c : p.candidatesBestFirst()) {
                if (c < vars.size()) {
                    order.add(vars.get(c));
                }
            }
        }
        if (!order.isEmpty()) {
            cp.addDecisionStrategy(order.toArray(new Literal[0]),
                    DecisionStrategyProto.VariableSelectionStrategy.CHOOSE_FIRST,
                    DecisionStrategyProto.DomainReductionStrategy.SELECT_MAX_VALUE);
        }
    }

    @Override
    public void assertForever(int literal) {
        forever.add(literal);
    }

    /**
     * Used for the first solve only, whose hint is the walk's answer (or SPK's first guess): its
     * candidates, and no other, are hinted, so CP-SAT starts from that model rather than from
     * the best candidate of every package, needed or not (whose requirements then needed rounds
     * of expansion). Later hints are the last model, and CP-SAT would repair it first, so each
     * improvement step found a barely better solution; the fixed search of {@link #guide}
     * starts from the preferred candidates instead.
     */
    @Override
    public void hint(boolean[] preferTrue) {
        firstHint = solves == 0 ? preferTrue.clone() : null;
    }

    private boolean[] firstHint;

    @Override
    public Outcome solve(ConstraintModel model, int[] assumptions) {
        sync(model);
        solves++;
        applyGuide();
        cp.clearAssumptions();
        while (!forever.isEmpty()) {
            cp.addBoolOr(new Literal[] {lit(forever.remove(forever.size() - 1))});
        }
        Literal[] assume = new Literal[assumptions.length];
        for (int i = 0; i < assumptions.length; i++) {
            assume[i] = lit(assumptions[Boolean.getBoolean("spk.rev") ? assumptions.length - 1 - i : i]);
        }
        cp.addAssumptions(assume);
        cp.clearHints();
        if (firstHint != null && solves == 1) {
            for (DecisionGuide.Guided p : guide.packages()) {
                for (int c : p.candidatesBestFirst()) {
                    if (c < vars.size()) {
                        cp.addHint(vars.get(c), c < firstHint.length && firstHint[c]);
                    }
                }
            }
        }
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setRandomSeed(1).setMaxTimeInSeconds(600)
                .setSearchBranching(SatParameters.SearchBranching.FIXED_SEARCH)
                // presolving the whole model again on every call cost more than it saved (measured: 2 s vs 0.5 s a call)
                .setCpModelPresolve(false)
                .setSymmetryLevel(0).setCpModelProbingLevel(0).setLinearizationLevel(0);
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
            if (core.isEmpty()) {
                // as with Sat4j: no core named, so every assumption may matter
                return new Outcome.Unsat(assumptions.clone());
            }
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
