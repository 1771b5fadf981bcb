package spk.grammar.name;

import spk.grammar.InvalidSyntaxException;

/** The character and length rules shared by package, option, repository and component names. */
final class NameRules {
    static final int MIN_LEN = 2;
    static final int MAX_LEN = 64;

    private NameRules() {}

    static boolean isPkgChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    static boolean isOptChar(char c) {
        return isPkgChar(c) || c == '_';
    }

    /**
     * Checks a package-style name; {@code offset} is added to reported columns so a name inside
     * a longer text points at the right place.
     */
    static void checkPkgStyle(String language, String whole, String name, int offset) {
        checkLength(language, whole, name, offset);
        if (name.charAt(0) == '-') {
            throw new InvalidSyntaxException(language, whole, offset + 1,
                    "must begin with a letter or digit, not a hyphen");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isPkgChar(c)) {
                throw new InvalidSyntaxException(language, whole, offset + i + 1,
                        describe(c) + " is not allowed; use lower case letters, digits and '-'");
            }
        }
    }

    static void checkOptBase(String language, String whole, String name, int offset) {
        checkLength(language, whole, name, offset);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isOptChar(c)) {
                throw new InvalidSyntaxException(language, whole, offset + i + 1,
                        describe(c) + " is not allowed; use lower case letters, digits, '-' and '_'");
            }
        }
    }

    private static void checkLength(String language, String whole, String name, int offset) {
        if (name.length() < MIN_LEN) {
            throw new InvalidSyntaxException(language, whole, offset + 1,
                    "must be at least " + MIN_LEN + " characters, got " + name.length());
        }
        if (name.length() > MAX_LEN) {
            throw new InvalidSyntaxException(language, whole, offset + MAX_LEN + 1,
                    "must be no more than " + MAX_LEN + " characters, got " + name.length());
        }
    }

    static String describe(char c) {
        if (c >= 'A' && c <= 'Z') {
            return "upper case '" + c + "'";
        }
        if (c == ' ') {
            return "a space";
        }
        return "'" + c + "'";
    }
}
