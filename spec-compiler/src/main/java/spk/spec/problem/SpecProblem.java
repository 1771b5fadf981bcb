package spk.spec.problem;

/**
 * Thrown by one reading step to abandon a field; caught by {@link Problems#capture}, never seen
 * by users as such.
 */
public final class SpecProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public SpecProblem(Problem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
