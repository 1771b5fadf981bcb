package spk.grammar.build;

/** RFC 4648 base32 encoding (alphabet {@code A-Z2-7}), as SPK uses for build digests and tags. */
public final class Base32 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {}

    /** Encodes without {@code =} padding. */
    public static String encodeNoPad(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /** Encodes with {@code =} padding to a multiple of 8 characters. */
    public static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder(encodeNoPad(data));
        while (sb.length() % 8 != 0) {
            sb.append('=');
        }
        return sb.toString();
    }
}
