package spfs.runtime;

import java.nio.file.Path;
import spfs.error.SpfsException;

/** A runtime name that no record in the runtime storage has. */
public final class UnknownRuntimeException extends SpfsException {
    private static final long serialVersionUID = 1L;

    public UnknownRuntimeException(String name, Path storage) {
        super(Kind.UNSATISFIABLE, "unknown-runtime", "unknown runtime '" + name + "' (in " + storage + ")");
    }
}
