package spk.grammar.compat;

/**
 * One letter of a compat string: {@code x} (no compatibility), {@code a} (API compatible) or
 * {@code b} (binary compatible). Ordered {@code a < b < x} as SPK orders them.
 */
public enum CompatRule {
    API('a', "API"),
    BINARY('b', "Binary"),
    NONE('x', "None");

    private final char letter;
    private final String requestPrefix;

    CompatRule(char letter, String requestPrefix) {
        this.letter = letter;
        this.requestPrefix = requestPrefix;
    }

    /** The letter used in compat strings. */
    public char letter() {
        return letter;
    }

    /** The prefix used in version ranges, {@code API} or {@code Binary}. */
    public String requestPrefix() {
        return requestPrefix;
    }

    /** The rule for a compat letter, or null if the letter is not one. */
    public static CompatRule ofLetter(char c) {
        return switch (c) {
            case 'x' -> NONE;
            case 'a' -> API;
            case 'b' -> BINARY;
            default -> null;
        };
    }

    /** The rule named by a range prefix ({@code API} or {@code Binary}), or null. */
    public static CompatRule ofRequestPrefix(String prefix) {
        return switch (prefix) {
            case "API" -> API;
            case "Binary" -> BINARY;
            default -> null;
        };
    }
}
