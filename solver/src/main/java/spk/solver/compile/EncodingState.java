package spk.solver.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.constraint.ConstraintModel;
import spk.constraint.PackageVars;
import spk.grammar.name.PkgName;
import spk.solver.SolveRequest;

/**
 * What every part of an encoding reads: the model, the solve and its settings, the trace, the
 * packages and candidates created so far, and which request each group and requirement stands
 * for. The parts ({@link CandidateLoader}, {@link RequestEncoder}, {@link OptionRules},
 * {@link Rejections}, {@link SearchQueries}) each own the rest of what they need.
 */
final class EncodingState {
    final ConstraintModel model = new ConstraintModel();
    final spk.solver.trace.SolveTrace trace = new spk.solver.trace.SolveTrace();
    final SolveRequest solve;
    final spk.solver.OrderSettings order;
    final int firstVersions;
    final SolveEncoding.BuildEnvironments buildEnvironments;
    final Map<PkgName, PackageState> packages = new LinkedHashMap<>();
    final Map<PackageVars, PackageState> statesByVars = new java.util.IdentityHashMap<>();
    final Map<Integer, CandidateInfo> byVar = new HashMap<>();
    final Map<String, CandidateInfo> byKey = new HashMap<>();
    /** Why a recipe could not be offered for building from source, by its ident; for explanations. */
    final Map<String, String> unbuildable = new LinkedHashMap<>();
    final Map<Integer, RequestInfo> requestsByGroup = new HashMap<>();
    final Map<Integer, VarRequestInfo> varRequestsByGroup = new HashMap<>();
    final List<RequestInfo> initialRequests = new ArrayList<>();
    /** How many package requests were made (their creation order). */
    int requestCount;

    EncodingState(SolveRequest solve, int firstVersions, SolveEncoding.BuildEnvironments buildEnvironments,
            spk.solver.OrderSettings order) {
        if (firstVersions < 1) {
            throw new IllegalArgumentException("firstVersions must be at least 1");
        }
        this.solve = solve;
        this.firstVersions = firstVersions;
        this.buildEnvironments = buildEnvironments;
        this.order = order;
    }

    static boolean isTrue(boolean[] values, int var) {
        return var > 0 && var < values.length && values[var];
    }
}
