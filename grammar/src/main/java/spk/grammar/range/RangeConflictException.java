package spk.grammar.range;

import spk.error.SpkException;

/** Two version ranges that had to be merged admit no common version. */
public final class RangeConflictException extends SpkException {
    private static final long serialVersionUID = 1L;

    public RangeConflictException(VersionRange a, VersionRange b, String reason) {
        super("range-conflict", "version ranges '" + a + "' and '" + b + "' do not intersect: " + reason);
    }

    @Override
    public Kind kind() {
        return Kind.UNSATISFIABLE;
    }
}
