package spk.solver.backend;

import spk.constraint.ConstraintModel;

/**
 * A SAT back end over a growing {@link ConstraintModel}: it takes what is new in the model
 * before each solve and answers satisfiability under assumptions.
 */
public interface SatBackend extends AutoCloseable {
    /** Solves the model under {@code assumptions} (literals that must hold). */
    Outcome solve(ConstraintModel model, int[] assumptions);

    /**
     * Decision hints for the next solves: {@code preferTrue[v]} asks the solver to try variable
     * v true first; every other variable is tried false first. Hints change speed, never answers.
     */
    void hint(boolean[] preferTrue);

    /** How to decide in the next solves; back ends without a way to follow it may ignore it. */
    default void guide(DecisionGuide guide) {
    }

    /**
     * Makes a literal hold in every later solve, outside the model: the search asserts the
     * groups this way, while explanations (on another back end) keep them as assumptions.
     */
    void assertForever(int literal);

    /** A short name for reports: {@code sat4j} or {@code cpsat}. */
    String name();

    /** How many solves this back end ran. */
    int solveCount();

    @Override
    void close();

    /** The answer of one solve. */
    sealed interface Outcome {
        /** Satisfiable; {@code model[v]} is the value of variable v (index 0 unused). */
        record Sat(boolean[] model) implements Outcome {
            public boolean isTrue(int var) {
                return var < model.length && model[var];
            }
        }

        /** Unsatisfiable; {@code core} is a subset of the assumptions that is already unsatisfiable. */
        record Unsat(int[] core) implements Outcome {}
    }
}
