package spfs.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Writes spfs's primitive binary encoding: big-endian integers, raw digests and
 * NUL-terminated UTF-8 strings, into a byte buffer and/or a hasher.
 */
public final class BinaryWriter {
    private final ByteArrayOutputStream out;
    private final MessageDigest hasher;

    private BinaryWriter(ByteArrayOutputStream out, MessageDigest hasher) {
        this.out = out;
        this.hasher = hasher;
    }

    /** A writer that collects bytes. */
    public static BinaryWriter toBytes() {
        return new BinaryWriter(new ByteArrayOutputStream(), null);
    }

    /** A writer that only hashes what it is given. */
    public static BinaryWriter toHasher() {
        return new BinaryWriter(null, Digest.sha256());
    }

    public BinaryWriter raw(byte[] b) {
        if (out != null) {
            out.write(b, 0, b.length);
        }
        if (hasher != null) {
            hasher.update(b);
        }
        return this;
    }

    public BinaryWriter u8(int v) {
        return raw(new byte[] {(byte) v});
    }

    public BinaryWriter u64(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return raw(b);
    }

    public BinaryWriter digest(Digest d) {
        return raw(d.bytes());
    }

    /** A string followed by a NUL; strings holding a NUL cannot be encoded. */
    public BinaryWriter string(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string to encode contains a NUL byte: " + s.replace('\0', '?'));
        }
        raw(s.getBytes(StandardCharsets.UTF_8));
        return u8(0);
    }

    /** The collected bytes. */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /** The hash of everything written. */
    public Digest digest() {
        return Digest.finish(hasher);
    }
}
