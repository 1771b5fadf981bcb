package spfs.encoding;

import java.nio.charset.StandardCharsets;

/**
 * The base32 text of a digest (RFC 4648, upper case, padded: 52 characters and "===="), both ways,
 * without a general codec: every payload a pull or a server handles has its digest turned into a
 * file name or read from a URL, and a general codec allocates a buffer of kilobytes per call.
 */
final class DigestText {
    private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".getBytes(StandardCharsets.US_ASCII);
    /** Characters of a digest's text before the padding. */
    static final int SIGNIFICANT = 52;

    private DigestText() {
    }

    /** The padded text of 32 bytes. */
    static String encode(byte[] b) {
        byte[] out = new byte[Digest.TEXT_LENGTH];
        int o = 0;
        long bits = 0;
        int count = 0;
        for (byte x : b) {
            bits = (bits << 8) | (x & 0xff);
            count += 8;
            while (count >= 5) {
                count -= 5;
                out[o++] = ALPHABET[(int) (bits >>> count) & 31];
            }
        }
        if (count > 0) {
            out[o++] = ALPHABET[(int) (bits << (5 - count)) & 31];
        }
        while (o < out.length) {
            out[o++] = '=';
        }
        return new String(out, StandardCharsets.US_ASCII);
    }

    /**
     * The 32 bytes of {@code text} (52 characters, then nothing or "===="); null unless every
     * character is base32 and the bits past the 256th are zero, as in the text of a real digest.
     */
    static byte[] decode(String text) {
        int len = text.length();
        if (len != SIGNIFICANT && !(len == Digest.TEXT_LENGTH && text.endsWith("===="))) {
            return null;
        }
        byte[] out = new byte[Digest.SIZE];
        int o = 0;
        long bits = 0;
        int count = 0;
        for (int i = 0; i < SIGNIFICANT; i++) {
            char c = text.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                return null;
            }
            bits = (bits << 5) | v;
            count += 5;
            if (count >= 8) {
                count -= 8;
                out[o++] = (byte) (bits >>> count);
            }
        }
        // 52 characters carry 260 bits: the last 4 belong to no byte
        return (bits & ((1L << count) - 1)) == 0 ? out : null;
    }
}
