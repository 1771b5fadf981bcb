package spfs.mount;

import spfs.error.SpfsException;

/** A system call of the runtime failed; the message names the call, the path and the errno. */
public final class MountException extends SpfsException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public MountException(String code, String message, int errno) {
        super(Kind.ENVIRONMENT, code, message);
        this.errno = errno;
    }

    /** The errno the call failed with (0 when not from a call). */
    public int errno() {
        return errno;
    }
}
