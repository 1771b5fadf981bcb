package spk.constraint;

import java.util.ArrayList;
import java.util.List;

/**
 * "{@code head} implies one of these literals", where more literals may be added later. Added
 * literals wait until the model is flushed before a solve; then one clause takes them all and
 * ends in an open variable that every solve assumes false ({@link ConstraintModel#openEnds()}).
 * A disjunction closed before its first flush costs one clause and no extra variable, which is
 * the common case: most candidate lists are complete as soon as they are read.
 */
public final class GrowingOr implements ConstraintModel.Deferred {
    private final ConstraintModel model;
    private final String label;
    private final Object owner;
    private final List<Integer> pending = new ArrayList<>();
    /** The literal the next clause hangs from: the head, then each flushed open end. */
    private int tail;
    private int size;
    private int ends;
    private boolean closed;

    GrowingOr(ConstraintModel model, int head, String label, Object owner) {
        this.model = model;
        this.label = label;
        this.owner = owner;
        this.tail = head;
    }

    /** Adds a literal to the disjunction. */
    public void add(int literal) {
        if (closed) {
            throw new IllegalStateException("disjunction closed: " + label);
        }
        pending.add(literal);
        size++;
        model.deferred(this);
    }

    /** Writes the literals added since the last flush, behind a new open end. */
    @Override
    public void flush() {
        if (closed) {
            return;
        }
        int next = model.newVar(label + " (open end " + (ends++) + ")");
        emit(next);
        model.openEndMoved(this, ends > 1 ? tail : 0, next);
        tail = next;
    }

    private void emit(int openEnd) {
        int[] clause = new int[pending.size() + 1 + (openEnd != 0 ? 1 : 0)];
        clause[0] = -tail;
        for (int i = 0; i < pending.size(); i++) {
            clause[i + 1] = pending.get(i);
        }
        if (openEnd != 0) {
            clause[clause.length - 1] = openEnd;
        }
        model.addClause(clause);
        pending.clear();
    }

    /** The current open end, or 0 before the first flush; solves assume it false. */
    int openEnd() {
        return ends == 0 ? 0 : tail;
    }

    /** What this disjunction is about, as given at creation. */
    public Object owner() {
        return owner;
    }

    /** No literal will be added any more: the last clause is written without an open end. */
    public void close() {
        if (!closed) {
            if (ends > 0) {
                model.openEndMoved(this, tail, 0);
            }
            emit(0);
            closed = true;
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
