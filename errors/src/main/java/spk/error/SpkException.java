package spk.error;

/**
 * Base of every error this project reports to users: a message meant for people and a stable,
 * machine-readable code; the command line maps them to exit codes in one place.
 */
public abstract class SpkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    protected SpkException(String code, String message) {
        super(message);
        this.code = code;
    }

    protected SpkException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable identifier such as {@code invalid-syntax}, for scripts and JSON output. */
    public String code() {
        return code;
    }

    /** What kind of failure this is; decides the process exit code. */
    public abstract Kind kind();

    /** The broad classes of failure, each with its own exit code. */
    public enum Kind {
        /** The user gave something malformed: a spec, a request, a flag. */
        BAD_INPUT(2),
        /** The request was well formed but cannot be satisfied (no solution, not found). */
        UNSATISFIABLE(1),
        /** Something outside the user's input failed: disk, permissions, a peer process. */
        ENVIRONMENT(3);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }
}
