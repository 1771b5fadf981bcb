package spfs.encoding;

import java.util.Optional;
import spfs.error.SpfsException;

/**
 * The leading characters of a digest's base32 form, as users type them. Matching is done on
 * the text (so "ABCD" only matches digests whose text starts with "ABCD"), which is what a
 * user expects; spfs itself compares the decoded bytes and ignores the trailing bits.
 */
public record PartialDigest(String text) {
    public PartialDigest {
        text = validate(text);
    }

    /** Parses a partial or full digest; fails on anything that cannot be base32 of some length. */
    public static PartialDigest parse(String text) {
        return new PartialDigest(text);
    }

    /** Whether {@code text} could be a (partial) digest. */
    public static boolean looksLikeDigest(String text) {
        try {
            validate(text);
            return true;
        } catch (SpfsException e) {
            return false;
        }
    }

    private static String validate(String raw) {
        String t = raw;
        int end = t.length();
        while (end > 0 && t.charAt(end - 1) == '=') {
            end--;
        }
        t = t.substring(0, end);
        if (t.isEmpty()) {
            throw SpfsException.badInput("invalid-digest", "a digest cannot be empty");
        }
        if (t.length() > Digest.TEXT_LENGTH - 4) {
            throw SpfsException.badInput("invalid-digest", "'" + raw + "' is longer than a digest");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                throw SpfsException.badInput("invalid-digest",
                        "'" + raw + "' is not base32: '" + c + "' at position " + i);
            }
        }
        int rem = t.length() % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw SpfsException.badInput("invalid-digest",
                    "'" + raw + "' cannot be base32: its length must be a multiple of 2 bytes");
        }
        return t;
    }

    /** The full digest when all 52 significant characters are given. */
    public Optional<Digest> toFull() {
        if (text.length() != Digest.TEXT_LENGTH - 4) {
            return Optional.empty();
        }
        // the last character carries 4 unused bits; a text with them set is not a digest's form
        byte[] b = DigestText.decode(text);
        return b == null ? Optional.empty() : Optional.of(Digest.adopt(b));
    }

    /** Whether {@code d} starts with these characters. */
    public boolean matches(Digest d) {
        return d.toString().startsWith(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
