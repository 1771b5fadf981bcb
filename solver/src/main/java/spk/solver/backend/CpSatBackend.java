package spk.solver.backend;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolArgumentProto;
import com.google.ortools.sat.ConstraintProto;
import com.google.ortools.sat.CpModelProto;
import com.google.ortools.sat.CpSolverResponse;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.DecisionStrategyProto;
import com.google.ortools.sat.IntegerVariableProto;
import com.google.ortools.sat.LinearExpressionProto;
import com.google.ortools.sat.PartialVariableAssignment;
import com.google.ortools.sat.SatParameters;
import com.google.ortools.sat.SolveWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import spk.constraint.ConstraintModel;

/**
 * OR-Tools CP-SAT as a pure satisfiability back end. CP-SAT is not incremental, so the CP model
 * keeps the clauses added so far and each solve passes the assumptions anew. One worker and a
 * fixed seed make answers repeatable.
 *
 * <p>The model is kept as a protocol buffer of finished messages rather than through
 * {@code CpModel}, whose nested builders were rebuilt and measured again on every solve: an
 * explanation runs a hundred solves of a model of 27,000 clauses, and keeping finished messages
 * took its CPU time from 8.0 s to 6.4 s on the studio conflict.
 */
public final class CpSatBackend implements SatBackend {
    private static final IntegerVariableProto BOOLEAN = IntegerVariableProto.newBuilder().addDomain(0).addDomain(1).build();
    private static final IntegerVariableProto FALSE = IntegerVariableProto.newBuilder().addDomain(0).addDomain(0).build();

    /**
     * Besides one worker and a fixed search: no presolve (presolving the whole model again on
     * every call cost more than it saved, measured 2 s against 0.5 s a call), and neither the
     * symmetry detection, the probing nor the linear relaxation that CP-SAT runs before each
     * search. On the explanation's checks those took four fifths of each solve and changed no
     * answer (they find nothing a CDCL search over clauses needs; docs/benchmarks.md).
     */
    private static final SatParameters PARAMETERS = SatParameters.newBuilder().setNumWorkers(1).setRandomSeed(1)
            .setMaxTimeInSeconds(600).setSearchBranching(SatParameters.SearchBranching.FIXED_SEARCH)
            .setCpModelPresolve(false).setSymmetryLevel(0).setCpModelProbingLevel(0).setLinearizationLevel(0)
            .build();

    private final CpModelProto.Builder cp = CpModelProto.newBuilder();
    private final NegativeOnlyVariables occurrences = new NegativeOnlyVariables();
    private int syncedVars;
    private int syncedClauses;
    private int syncedAtMostOnes;
    private int solves;

    public CpSatBackend() {
        Loader.loadNativeLibraries();
    }

    /** CP-SAT's reference to a literal: our variable v is its variable v-1, negated as -index-1. */
    private static int ref(int literal) {
        return literal > 0 ? literal - 1 : literal;
    }

    /** Our literal for CP-SAT's reference. */
    private static int literal(int ref) {
        return ref >= 0 ? ref + 1 : ref;
    }

    private static ConstraintProto boolOr(int... literals) {
        return ConstraintProto.newBuilder().setBoolOr(args(literals)).build();
    }

    private static BoolArgumentProto args(int[] literals) {
        BoolArgumentProto.Builder b = BoolArgumentProto.newBuilder();
        for (int l : literals) {
            b.addLiterals(ref(l));
        }
        return b.build();
    }

    private void sync(ConstraintModel model) {
        for (; syncedVars < model.varCount(); syncedVars++) {
            cp.addVariables(BOOLEAN);
        }
        for (; syncedClauses < model.clauseCount(); syncedClauses++) {
            int[] clause = model.clause(syncedClauses);
            occurrences.clause(clause);
            cp.addConstraints(boolOr(clause));
        }
        for (; syncedAtMostOnes < model.atMostOneCount(); syncedAtMostOnes++) {
            int[] amo = model.atMostOne(syncedAtMostOnes);
            occurrences.atMostOne(amo);
            cp.addConstraints(ConstraintProto.newBuilder().setAtMostOne(args(amo)));
        }
    }

    private final List<Integer> forever = new ArrayList<>();
    private DecisionGuide guide = new DecisionGuide(List.of());

    @Override
    public void guide(DecisionGuide g) {
        this.guide = g;
    }

    /** The candidates of the last strategy built, and that strategy: most solves ask for the same one. */
    private int[] strategyOrder = new int[0];
    private DecisionStrategyProto strategy;

    /**
     * CP-SAT's own branching knows nothing of SPK's preferences, so each improvement step would
     * find a barely better solution; a fixed search over the candidates, package by package and
     * best first, makes its first solutions the preferred ones, as the guided Sat4j order does.
     */
    private void applyGuide() {
        cp.clearSearchStrategy();
        int[] order = guide.packages().stream().flatMapToInt(p -> Arrays.stream(p.candidatesBestFirst()))
                .filter(c -> c <= syncedVars).toArray();
        if (order.length == 0) {
            return;
        }
        if (!Arrays.equals(order, strategyOrder)) {
            DecisionStrategyProto.Builder s = DecisionStrategyProto.newBuilder()
                    .setVariableSelectionStrategy(DecisionStrategyProto.VariableSelectionStrategy.CHOOSE_FIRST)
                    .setDomainReductionStrategy(DecisionStrategyProto.DomainReductionStrategy.SELECT_MAX_VALUE);
            for (int c : order) {
                s.addExprs(LinearExpressionProto.newBuilder().addVars(ref(c)).addCoeffs(1));
            }
            strategy = s.build();
            strategyOrder = order;
        }
        cp.addSearchStrategy(strategy);
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
        while (!forever.isEmpty()) {
            int unit = forever.remove(forever.size() - 1);
            occurrences.clause(new int[] {unit});
            cp.addConstraints(boolOr(unit));
        }
        cp.clearAssumptions();
        for (int a : assumptions) {
            cp.addAssumptions(ref(a));
        }
        cp.clearSolutionHint();
        if (firstHint != null && solves == 1) {
            PartialVariableAssignment.Builder h = PartialVariableAssignment.newBuilder();
            for (DecisionGuide.Guided p : guide.packages()) {
                for (int c : p.candidatesBestFirst()) {
                    if (c <= syncedVars) {
                        h.addVars(ref(c)).addValues(c < firstHint.length && firstHint[c] ? 1 : 0);
                    }
                }
            }
            cp.setSolutionHint(h);
        }
        CpSolverResponse response = run(withNegativeOnlyFixed(model, assumptions));
        CpSolverStatus status = response.getStatus();
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            boolean[] values = new boolean[model.varCount() + 1];
            for (int v = 1; v <= model.varCount(); v++) {
                values[v] = response.getSolution(ref(v)) != 0;
            }
            return new Outcome.Sat(values);
        }
        if (status == CpSolverStatus.INFEASIBLE) {
            List<Integer> core = response.getSufficientAssumptionsForInfeasibilityList();
            if (core.isEmpty()) {
                // as with Sat4j: no core named, so every assumption may matter
                return new Outcome.Unsat(assumptions.clone());
            }
            return new Outcome.Unsat(core.stream().mapToInt(CpSatBackend::literal).toArray());
        }
        throw new SolverTimeoutException("cpsat");
    }

    /**
     * The model to solve: the CP model with the variables that occur only negated fixed false,
     * except those this solve assumes, guides or hints and those the search reads back from a
     * model (groups and open ends).
     */
    private CpModelProto withNegativeOnlyFixed(ConstraintModel model, int[] assumptions) {
        BitSet keep = new BitSet(syncedVars + 1);
        for (int c : strategyOrder) {
            keep.set(c);
        }
        for (int a : assumptions) {
            keep.set(Math.abs(a));
        }
        for (int o : model.openEnds()) {
            keep.set(Math.abs(o));
        }
        model.groups().forEach(g -> keep.set(g.id()));
        BitSet fixed = occurrences.fixableFalse(syncedVars, keep);
        fixed.stream().forEach(v -> cp.setVariables(ref(v), FALSE));
        CpModelProto proto = cp.build();
        fixed.stream().forEach(v -> cp.setVariables(ref(v), BOOLEAN));
        return proto;
    }

    private static CpSolverResponse run(CpModelProto proto) {
        SolveWrapper wrapper = new SolveWrapper();
        try {
            wrapper.setParameters(PARAMETERS);
            return wrapper.solve(proto);
        } finally {
            wrapper.delete();
        }
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
