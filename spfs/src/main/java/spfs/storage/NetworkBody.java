package spfs.storage;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * A body read from the network that knows whether it was read to its end: closed before it, its
 * connection is dropped (or the little left is read) rather than the rest read for nothing, which
 * each client does in its own way.
 */
public abstract class NetworkBody extends FilterInputStream {
    private boolean ended;

    protected NetworkBody(InputStream in) {
        super(in);
    }

    /** Whether a read has met the end. */
    protected final boolean ended() {
        return ended;
    }

    @Override
    public int read() throws java.io.IOException {
        int b = in.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
        int n = in.read(b, off, len);
        ended |= n < 0;
        return n;
    }
}
