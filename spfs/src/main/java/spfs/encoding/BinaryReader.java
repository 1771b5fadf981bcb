package spfs.encoding;

import java.nio.charset.StandardCharsets;

/** Reads spfs's primitive binary encoding; runs past the end raise {@link EndOfDataException}. */
public final class BinaryReader {
    private final byte[] data;
    private int pos;
    private final int end;

    public BinaryReader(byte[] data, int offset, int end) {
        this.data = data;
        this.pos = offset;
        this.end = end;
    }

    public BinaryReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Thrown when the data ends before a value does. */
    public static final class EndOfDataException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EndOfDataException(String what) {
            super("unexpected end of data while reading " + what);
        }
    }

    private void need(int n, String what) {
        if (end - pos < n) {
            throw new EndOfDataException(what);
        }
    }

    public int u8() {
        need(1, "a byte");
        return data[pos++] & 0xff;
    }

    public long u64() {
        need(8, "an integer");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos++] & 0xff);
        }
        return v;
    }

    public Digest digest() {
        need(Digest.SIZE, "a digest");
        Digest d = Digest.fromBytes(data, pos);
        pos += Digest.SIZE;
        return d;
    }

    public String string() {
        int start = pos;
        while (pos < end && data[pos] != 0) {
            pos++;
        }
        if (pos >= end) {
            throw new EndOfDataException("a string");
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    /** Moves past {@code n} bytes. */
    public void skip(int n) {
        need(n, n + " bytes");
        pos += n;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int position() {
        return pos;
    }
}
