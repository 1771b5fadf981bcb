package spfs.encoding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes spfs's primitive binary encoding: big-endian integers, raw digests and
 * NUL-terminated UTF-8 strings, into a byte buffer, whose SHA-256 it can give.
 */
public final class BinaryWriter {
    private final ByteArrayOutputStream out;

    private BinaryWriter(ByteArrayOutputStream out) {
        this.out = out;
    }

    /** A writer that collects bytes. */
    public static BinaryWriter toBytes() {
        return new BinaryWriter(new ByteArrayOutputStream());
    }

    /**
     * A writer for hashing what it is given. The bytes are collected and hashed once: an
     * object's encoding is small, and feeding a hasher field by field (seven updates per
     * manifest entry) cost more than the hashing, most of all before the JIT has compiled it.
     */
    public static BinaryWriter toHasher() {
        return new BinaryWriter(new ByteArrayOutputStream(256));
    }

    public BinaryWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    public BinaryWriter u8(int v) {
        out.write(v);
        return this;
    }

    public BinaryWriter u64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
        return this;
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

    /** The SHA-256 of everything written. */
    public Digest digest() {
        return Digest.of(out.toByteArray());
    }
}
