package spfs.error;

/** A ref (tag, digest or partial digest) that names nothing in the repository. */
public final class UnknownReferenceException extends SpfsException {
    private static final long serialVersionUID = 1L;

    public UnknownReferenceException(String ref) {
        super(Kind.UNSATISFIABLE, "unknown-reference", "unknown reference '" + ref + "'");
    }
}
