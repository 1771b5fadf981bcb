package spfs.error;

/** Stored bytes that do not decode as an spfs object (or do not hash to their name). */
public final class CorruptObjectException extends SpfsException {
    private static final long serialVersionUID = 1L;

    /** What to do about it: check finds every damaged object, and can fetch good copies. */
    private static final String HINT = " (run 'spfs check' to find all damage; 'spfs check --pull' repairs from a remote)";

    private final String what;
    private final String reason;

    public CorruptObjectException(String what, String reason) {
        this(what, reason, null);
    }

    public CorruptObjectException(String what, String reason, Throwable cause) {
        super(Kind.ENVIRONMENT, "corrupt-object", what + " is corrupt: " + reason + HINT, cause);
        this.what = what;
        this.reason = reason;
    }

    /** What is wrong with it, e.g. "its content hashes to ...". */
    public String reason() {
        return reason;
    }

    /** The damaged thing and what is wrong with it, without the advice (for check's own report). */
    public String detail() {
        return what + " is corrupt: " + reason;
    }
}
