package spk.solver.backend;

import spk.error.SpkException;

/** A back end gave up before deciding. */
public final class SolverTimeoutException extends SpkException {
    private static final long serialVersionUID = 1L;

    public SolverTimeoutException(String backend) {
        super("solver-timeout", "the " + backend + " solver timed out before deciding");
    }

    @Override
    public Kind kind() {
        return Kind.ENVIRONMENT;
    }
}
