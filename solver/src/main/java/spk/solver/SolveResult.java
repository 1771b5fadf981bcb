package spk.solver;

/** What a solve gives: a solution, or an explanation of why there is none. */
public sealed interface SolveResult {
    DecisionLog log();

    Stats stats();

    /** Solved. */
    record Solved(Solution solution, DecisionLog log, Stats stats) implements SolveResult {}

    /** No solution; {@code explanation} says why in terms of requests and requirements. */
    record Unsatisfiable(Explanation explanation, DecisionLog log, Stats stats) implements SolveResult {}

    /** Counters for {@code -t}-style reports and benchmarks. */
    record Stats(String backend, int satCalls, int variables, int clauses, int packages, long millis,
            spk.solver.trace.SolveTrace.Profile profile) {}
}
