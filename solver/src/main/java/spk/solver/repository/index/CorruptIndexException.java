package spk.solver.repository.index;

/** An index file that cannot be read as one: the repository is then read from its specs. */
public final class CorruptIndexException extends RuntimeException {
    public CorruptIndexException(String message) {
        super(message, null, false, false);
    }
}
