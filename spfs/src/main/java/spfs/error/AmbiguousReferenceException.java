package spfs.error;

/** A partial digest that matches more than one object. */
public final class AmbiguousReferenceException extends SpfsException {
    private static final long serialVersionUID = 1L;

    public AmbiguousReferenceException(String ref, int matches) {
        super(Kind.BAD_INPUT, "ambiguous-reference",
                "ambiguous reference '" + ref + "': it is the start of " + matches + " digests; give more characters");
    }
}
