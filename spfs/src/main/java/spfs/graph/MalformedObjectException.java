package spfs.graph;

/** Bytes that are not a valid encoded object; storage wraps it with the file it came from. */
public final class MalformedObjectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedObjectException(String message) {
        super(message);
    }
}
