package spk.constraint;

/**
 * "{@code head} implies one of these literals", where more literals may be added later. The
 * disjunction ends in an open variable that every solve assumes false ({@link
 * ConstraintModel#openEnds()}); adding a literal chains a new open end behind it. This keeps
 * the model append-only while the set of, say, candidates of a package keeps growing.
 */
public final class GrowingOr {
    private final ConstraintModel model;
    private final String label;
    private int tail;
    private int size;

    GrowingOr(ConstraintModel model, int head, String label) {
        this.model = model;
        this.label = label;
        this.tail = model.newVar(label + " (open end 0)");
        model.addClause(-head, tail);
    }

    /** Adds a literal to the disjunction. */
    public void add(int literal) {
        int next = model.newVar(label + " (open end " + (++size) + ")");
        model.addClause(-tail, literal, next);
        tail = next;
    }

    private boolean closed;

    /** The current open end; solves assume it false. */
    public int openEnd() {
        return tail;
    }

    /** No literal will be added any more: the open end is made false for good. */
    public void close() {
        if (!closed) {
            closed = true;
            model.addClause(-tail);
            model.closed(this);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public int size() {
        return size;
    }
}
