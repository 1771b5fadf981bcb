package spk.solver.backend;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolverResponse;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.SatParameters;
import com.google.ortools.sat.SolveWrapper;
import com.google.ortools.sat.mainJNI;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import spk.constraint.ConstraintModel;

/**
 * OR-Tools CP-SAT as a pure satisfiability back end. CP-SAT is not incremental, so this keeps
 * the clauses added so far and each solve hands CP-SAT a model anew, with the assumptions. One
 * worker and a fixed seed make answers repeatable.
 *
 * <p>Each solve's model leaves out what cannot matter to it: the variables nothing can make true
 * under its assumptions are fixed false and dropped, with the clauses that satisfies
 * ({@link NegativeOnlyVariables}), and the rest is written to CP-SAT's bytes directly
 * ({@link CompactCpModel}). On an explanation's checks that halves the model CP-SAT loads and
 * takes most decisions off its fixed search; the answers and the models found are the same. The
 * model given back is the part of CP-SAT's that the clauses need ({@link NeededModel}).
 */
public final class CpSatBackend implements SatBackend {
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

    /** Every constraint so far, numbered in the order added. */
    private final NegativeOnlyVariables constraints = new NegativeOnlyVariables();
    private final NeededModel needed = new NeededModel(constraints);
    private int syncedVars;
    private int syncedClauses;
    private int syncedAtMostOnes;
    private int solves;

    public CpSatBackend() {
        Loader.loadNativeLibraries();
    }

    private void sync(ConstraintModel model) {
        syncedVars = Math.max(syncedVars, model.varCount());
        for (; syncedClauses < model.clauseCount(); syncedClauses++) {
            constraints.clause(model.clause(syncedClauses));
        }
        for (; syncedAtMostOnes < model.atMostOneCount(); syncedAtMostOnes++) {
            constraints.atMostOne(model.atMostOne(syncedAtMostOnes));
        }
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
    private int[] searchOrder() {
        return guide.packages().stream().flatMapToInt(p -> Arrays.stream(p.candidatesBestFirst()))
                .filter(c -> c <= syncedVars).toArray();
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
        while (!forever.isEmpty()) {
            constraints.clause(new int[] {forever.remove(forever.size() - 1)});
        }
        BitSet keep = new BitSet(syncedVars + 1);
        for (int a : assumptions) {
            keep.set(Math.abs(a));
        }
        NegativeOnlyVariables.Fixed fixed = constraints.fixableFalse(syncedVars, keep);
        CompactCpModel cp = new CompactCpModel(syncedVars, fixed.variables());
        writeConstraints(cp, fixed.satisfied());
        int[] candidates = searchOrder();
        cp.strategy(candidates);
        cp.assumptions(assumptions);
        if (firstHint != null && solves == 1) {
            boolean[] values = new boolean[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                values[i] = candidates[i] < firstHint.length && firstHint[candidates[i]];
            }
            cp.hint(candidates, values);
        }
        CpSolverResponse response = run(cp.bytes());
        CpSolverStatus status = response.getStatus();
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            boolean[] values = new boolean[model.varCount() + 1];
            for (int i = 0; i < cp.size(); i++) {
                int v = cp.var(i);
                values[v] = v < values.length && response.getSolution(i) != 0;
            }
            return new Outcome.Sat(needed.of(values, assumptions));
        }
        if (status == CpSolverStatus.INFEASIBLE) {
            List<Integer> core = response.getSufficientAssumptionsForInfeasibilityList();
            if (core.isEmpty()) {
                // as with Sat4j: no core named, so every assumption may matter
                return new Outcome.Unsat(assumptions.clone());
            }
            return new Outcome.Unsat(core.stream().mapToInt(cp::literal).toArray());
        }
        if (status == CpSolverStatus.MODEL_INVALID) {
            // the model is written here byte by byte: a mistake must not pass for a timeout
            throw new IllegalStateException("CP-SAT found the model invalid: " + response.getSolutionInfo());
        }
        throw new SolverTimeoutException("cpsat");
    }

    /**
     * The constraints not satisfied by the fixed variables: the two-literal clauses with a
     * negated literal first, gathered per negated variable into implications (in the order their
     * variables first occur), then the others in the order added.
     */
    private void writeConstraints(CompactCpModel cp, BitSet satisfied) {
        int n = constraints.size();
        int[] count = new int[syncedVars + 1];
        int[] heads = new int[n];
        int headCount = 0;
        for (int i = satisfied.nextClearBit(0); i < n; i = satisfied.nextClearBit(i + 1)) {
            int head = implicationHead(i);
            if (head > 0 && count[head]++ == 0) {
                heads[headCount++] = head;
            }
        }
        int[] start = new int[syncedVars + 2];
        for (int k = 0, at = 0; k < headCount; k++) {
            start[heads[k]] = at;
            at += count[heads[k]];
        }
        int[] implied = new int[n];
        int[] filled = new int[syncedVars + 1];
        for (int i = satisfied.nextClearBit(0); i < n; i = satisfied.nextClearBit(i + 1)) {
            int head = implicationHead(i);
            if (head > 0) {
                int[] c = constraints.constraint(i);
                implied[start[head] + filled[head]++] = c[0] == -head ? c[1] : c[0];
            }
        }
        for (int k = 0; k < headCount; k++) {
            cp.implications(heads[k], Arrays.copyOfRange(implied, start[heads[k]], start[heads[k]] + count[heads[k]]));
        }
        for (int i = satisfied.nextClearBit(0); i < n; i = satisfied.nextClearBit(i + 1)) {
            if (implicationHead(i) == 0) {
                cp.constraint(constraints.constraint(i), constraints.isAtMostOne(i));
            }
        }
    }

    /** For a two-literal clause with a negated literal (¬a ∨ l), a (the first such); else 0. */
    private int implicationHead(int index) {
        int[] c = constraints.constraint(index);
        if (c.length != 2 || constraints.isAtMostOne(index)) {
            return 0;
        }
        return c[0] < 0 ? -c[0] : c[1] < 0 ? -c[1] : 0;
    }

    /**
     * Solves a serialised model. {@code SolveWrapper.solve} takes a {@code CpModelProto} only to
     * serialise it for the same native call; the model is written as bytes here already.
     */
    private static CpSolverResponse run(byte[] model) {
        SolveWrapper wrapper = new SolveWrapper();
        try {
            wrapper.setParameters(PARAMETERS);
            byte[] response = mainJNI.SolveWrapper_solve(SolveWrapper.getCPtr(wrapper), wrapper, model);
            if (response == null || response.length == 0) {
                throw new IllegalStateException("CP-SAT gave no response");
            }
            return CpSolverResponse.parseFrom(response);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("CP-SAT's response cannot be read", e);
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
