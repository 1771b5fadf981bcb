package spk.debian.catalog;

import spk.debian.version.DebianVersion;

/** A relation's version operator. dpkg's obsolete {@code <} and {@code >} mean {@code <=} and {@code >=}. */
public enum Op {
    LT("<<"), LE("<="), EQ("="), GE(">="), GT(">>");

    private final String symbol;

    Op(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** True if {@code v} relates to {@code bound} as this operator says. */
    public boolean holds(DebianVersion v, DebianVersion bound) {
        int c = v.compareTo(bound);
        return switch (this) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case EQ -> c == 0;
            case GE -> c >= 0;
            case GT -> c > 0;
        };
    }

    /** The operator spelled {@code s}, or null. */
    static Op parse(String s) {
        return switch (s) {
            case "<<" -> LT;
            case "<=", "<" -> LE;
            case "=" -> EQ;
            case ">=", ">" -> GE;
            case ">>" -> GT;
            default -> null;
        };
    }
}
