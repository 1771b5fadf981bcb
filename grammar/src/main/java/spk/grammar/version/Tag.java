package spk.grammar.version;

import spk.grammar.InvalidSyntaxException;

/**
 * One pre- or post-release tag, {@code name.number} as in {@code alpha.1}. The name is ASCII
 * alphanumeric with at least one letter; the number is an unsigned 32-bit integer.
 */
public record Tag(String name, int number) implements Comparable<Tag> {
    public Tag {
        if (!isValidName(name)) {
            throw new InvalidSyntaxException("release tag name", name, 0,
                    "must be ASCII letters and digits with at least one letter");
        }
    }

    /** True if {@code name} can name a release tag. */
    public static boolean isValidName(String name) {
        boolean letter = false;
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean isLetter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!isLetter && !(c >= '0' && c <= '9')) {
                return false;
            }
            letter |= isLetter;
        }
        return letter;
    }

    @Override
    public int compareTo(Tag o) {
        int byName = name.compareTo(o.name);
        return byName != 0 ? byName : Integer.compareUnsigned(number, o.number);
    }

    @Override
    public String toString() {
        return name + "." + Integer.toUnsignedString(number);
    }
}
