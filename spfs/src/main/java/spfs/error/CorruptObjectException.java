package spfs.error;

/** Stored bytes that do not decode as an spfs object (or do not hash to their name). */
public final class CorruptObjectException extends SpfsException {
    private static final long serialVersionUID = 1L;

    public CorruptObjectException(String what, String reason) {
        super(Kind.ENVIRONMENT, "corrupt-object", what + " is corrupt: " + reason);
    }

    public CorruptObjectException(String what, String reason, Throwable cause) {
        super(Kind.ENVIRONMENT, "corrupt-object", what + " is corrupt: " + reason, cause);
    }
}
