package spfs.encoding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import spfs.error.SpfsException;

/**
 * A 32-byte SHA-256 value naming an object, payload or tag. Immutable; once one exists it is
 * valid. Text form is RFC 4648 base32, upper case, padded (56 characters ending in "====").
 */
public final class Digest implements Comparable<Digest> {
    /** Number of bytes in a digest. */
    public static final int SIZE = 32;
    /** Length of the padded base32 text form. */
    public static final int TEXT_LENGTH = 56;

    /** 32 zero bytes: the parent of a tag stream's first version, and a mask's object. */
    public static final Digest NULL = new Digest(new byte[SIZE]);
    /**
     * SHA-256 of no bytes, written out: hashing it here made every command that reads a digest
     * (a tag, an object) set up the JDK's security providers first (~20 ms of a cold start),
     * hashing or not.
     */
    public static final Digest EMPTY = parse("4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====");

    private final byte[] bytes;
    private final int hash;
    /** The text form, made on first use; a race only computes the same string twice. */
    private String text;

    private Digest(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps (a copy of) exactly 32 bytes. */
    public static Digest fromBytes(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a digest has 32 bytes, not " + bytes.length);
        }
        return new Digest(bytes.clone());
    }

    /** Reads 32 bytes at {@code offset}. */
    public static Digest fromBytes(byte[] bytes, int offset) {
        return new Digest(Arrays.copyOfRange(bytes, offset, offset + SIZE));
    }

    /** Takes ownership of a fresh array (from a hasher); callers must not keep it. */
    static Digest adopt(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a digest has 32 bytes, not " + bytes.length);
        }
        return new Digest(bytes);
    }

    /** The SHA-256 of {@code data}. */
    public static Digest of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** The SHA-256 of {@code length} bytes of {@code data} from {@code offset}. */
    public static Digest of(byte[] data, int offset, int length) {
        Optional<Libcrypto> lib = Libcrypto.get();
        if (lib.isPresent()) {
            return new Digest(lib.get().digest(data, offset, length));
        }
        MessageDigest md = sha256();
        md.update(data, offset, length);
        return new Digest(md.digest());
    }

    /** The SHA-256 of the UTF-8 bytes of {@code text}. */
    public static Digest ofUtf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A new SHA-256 engine. */
    public static MessageDigest sha256() {
        // a copy of an engine never used: getInstance looks the provider up and builds the
        // engine by reflection, which a pull did twice per payload (~0.1 s of its CPU)
        try {
            return (MessageDigest) Sha256Prototype.ENGINE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        Optional<Libcrypto> lib = Libcrypto.get();
        if (lib.isPresent()) {
            return new NativeSha256(lib.get());
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The engine {@link #sha256} copies; never updated itself (its own class: made on first use). */
    private static final class Sha256Prototype {
        static final MessageDigest ENGINE = newSha256();
    }

    /** The digest a finished engine computed. */
    public static Digest finish(MessageDigest md) {
        return new Digest(md.digest());
    }

    /** Parses the full base32 form (padding optional). */
    public static Digest parse(String text) {
        byte[] b = DigestText.decode(text);
        if (b != null) {
            return new Digest(b);
        }
        // not the text of a digest: the partial's parse says what is wrong with it
        PartialDigest p = PartialDigest.parse(text);
        return p.toFull().orElseThrow(() -> SpfsException.badInput("invalid-digest",
                "'" + text + "' is not a full digest (56 base32 characters)"));
    }

    /** Whether {@code text} parses as a full digest. */
    public static boolean isFull(String text) {
        try {
            parse(text);
            return true;
        } catch (SpfsException e) {
            return false;
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the digest, unsigned. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    /** Writes the 32 bytes into {@code out} at {@code offset}. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(bytes, 0, out, offset, SIZE);
    }

    /** Feeds the 32 bytes to a hasher. */
    public void updateDigest(MessageDigest md) {
        md.update(bytes);
    }

    /** Whether this is {@link #NULL}. */
    public boolean isNull() {
        return equals(NULL);
    }

    /** The first {@code n} characters of the base32 form. */
    public String shortText(int n) {
        return toString().substring(0, n);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = DigestText.encode(bytes);
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hash == d.hash && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Digest o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}
