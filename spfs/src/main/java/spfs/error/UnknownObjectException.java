package spfs.error;

import spfs.encoding.Digest;

/** A digest whose object or payload is not stored in the repository. */
public final class UnknownObjectException extends SpfsException {
    private static final long serialVersionUID = 1L;

    private final transient Digest digest;

    public UnknownObjectException(String what, Digest digest) {
        super(Kind.UNSATISFIABLE, "unknown-object", what + " " + digest + " is not in the repository");
        this.digest = digest;
    }

    public Digest digest() {
        return digest;
    }
}
