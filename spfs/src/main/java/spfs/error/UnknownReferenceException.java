package spfs.error;

/** A ref (tag, digest or partial digest) that names nothing in the repository. */
public final class UnknownReferenceException extends SpfsException {
    private static final long serialVersionUID = 1L;

    private final String ref;

    public UnknownReferenceException(String ref) {
        super(Kind.UNSATISFIABLE, "unknown-reference", "unknown reference '" + ref + "'");
        this.ref = ref;
    }

    /** The ref as given. */
    public String ref() {
        return ref;
    }
}
