package spfs.encoding;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes bytes through while hashing them and, at the end of the stream, fails the read that
 * would return end-of-stream if they do not hash to the expected digest. A writer that makes its
 * data visible only after reading to the end (temp file, then rename) so never stores a payload
 * whose bytes are not what they claim to be.
 */
public final class HashCheckedInputStream extends FilterInputStream {
    private final Digest expected;
    /** Made at the first byte: a reader that hashes itself unwraps this stream before reading. */
    private MessageDigest md;
    private boolean checked;

    public HashCheckedInputStream(InputStream in, Digest expected) {
        super(in);
        this.expected = expected;
    }

    /** What the bytes must hash to. */
    public Digest expected() {
        return expected;
    }

    /** Bytes that did not hash to the digest they were sent as. */
    public static final class MismatchException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Digest expected;
        private final transient Digest actual;

        MismatchException(Digest expected, Digest actual) {
            super("the content of payload " + expected + " hashes to " + actual);
            this.expected = expected;
            this.actual = actual;
        }

        public Digest expected() {
            return expected;
        }

        public Digest actual() {
            return actual;
        }
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            check();
        } else {
            md().update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            check();
        } else {
            md().update(buf, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipped bytes must be hashed too
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /**
     * The stream underneath, for a reader that hashes every byte itself and refuses the payload
     * unless it is {@link #expected} (the check is then made once, not twice). Bytes already
     * read through this stream are not in it, so such a reader would refuse the rest: safe.
     */
    public InputStream uncheckedForVerifyingReader() {
        return in;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private MessageDigest md() {
        if (md == null) {
            md = Digest.sha256();
        }
        return md;
    }

    private void check() throws MismatchException {
        if (checked) {
            return;
        }
        checked = true;
        Digest actual = Digest.finish(md());
        if (!actual.equals(expected)) {
            throw new MismatchException(expected, actual);
        }
    }
}
