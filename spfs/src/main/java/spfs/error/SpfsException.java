package spfs.error;

import spk.error.SpkException;

/** Base of every user-facing spfs error; each subclass fixes its code and kind. */
public class SpfsException extends SpkException {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    public SpfsException(Kind kind, String code, String message) {
        super(code, message);
        this.kind = kind;
    }

    public SpfsException(Kind kind, String code, String message, Throwable cause) {
        super(code, message, cause);
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    /** Malformed input: a bad digest, tag name, flag value or archive. */
    public static SpfsException badInput(String code, String message) {
        return new SpfsException(Kind.BAD_INPUT, code, message);
    }

    /** Something asked for does not exist. */
    public static SpfsException notFound(String code, String message) {
        return new SpfsException(Kind.UNSATISFIABLE, code, message);
    }

    /** Disk, permissions, corrupt stored data: nothing the command line got wrong. */
    public static SpfsException environment(String code, String message, Throwable cause) {
        return new SpfsException(Kind.ENVIRONMENT, code, message, cause);
    }
}
