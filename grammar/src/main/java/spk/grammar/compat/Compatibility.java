package spk.grammar.compat;

/** The outcome of a compatibility or range check: compatible, or incompatible with a reason. */
public sealed interface Compatibility {
    /** The shared compatible outcome. */
    Compatibility COMPATIBLE = new Compatible();

    /** An incompatible outcome with a human-readable reason. */
    static Compatibility incompatible(String reason) {
        return new Incompatible(reason);
    }

    /** True when compatible. */
    boolean isOk();

    /** The check passed. */
    record Compatible() implements Compatibility {
        @Override
        public boolean isOk() {
            return true;
        }

        @Override
        public String toString() {
            return "compatible";
        }
    }

    /** The check failed; {@code reason} says why, for error messages and explanations. */
    record Incompatible(String reason) implements Compatibility {
        @Override
        public boolean isOk() {
            return false;
        }

        @Override
        public String toString() {
            return reason;
        }
    }
}
