package spfs.storage.rpc;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import spfs.encoding.Digest;

/**
 * Hand-made protobuf bytes: each golden message in the tests is written field by field from
 * spfs's protocol description (tag byte = field number << 3 | wire type; 2 = length-delimited,
 * 0 = varint), not produced by the code under test.
 */
final class Golden {
    private Golden() {}

    static final Digest D1 = Digest.fromBytes(seq(0));
    static final Digest D2 = Digest.fromBytes(seq(100));

    static byte[] seq(int from) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** A length-delimited field: tag, length, then the contents. */
    static String field(int number, String contentHex) {
        int len = contentHex.length() / 2;
        return hexByte(number << 3 | 2) + varint(len) + contentHex;
    }

    static String text(int number, String s) {
        return field(number, HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Digest message in field {@code number}: {@code { bytes bytes = 1; }}. */
    static String digest(int number, Digest d) {
        return field(number, field(1, HexFormat.of().formatHex(d.bytes())));
    }

    static String varintField(int number, long value) {
        return hexByte(number << 3) + varint(value);
    }

    static String varint(long v) {
        StringBuilder b = new StringBuilder();
        do {
            int part = (int) (v & 0x7f);
            v >>>= 7;
            b.append(hexByte(v == 0 ? part : part | 0x80));
        } while (v != 0);
        return b.toString();
    }

    static String hexByte(int b) {
        return String.format("%02x", b);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The contents of a message that is one length-delimited field {@code number}, read back from its hex. */
    static String contents(int number, String hex) {
        byte[] b = bytes(hex);
        if ((b[0] & 0xff) != (number << 3 | 2)) {
            throw new AssertionError("not field " + number + " (length-delimited): " + hex);
        }
        long len = 0;
        int i = 1;
        int shift = 0;
        while (true) {
            len |= (long) (b[i] & 0x7f) << shift;
            shift += 7;
            if ((b[i++] & 0x80) == 0) {
                break;
            }
        }
        if (i + len != b.length) {
            throw new AssertionError("field " + number + " is not the whole message: " + hex);
        }
        return hex.substring(2 * i);
    }
}
