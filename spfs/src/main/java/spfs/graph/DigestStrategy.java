package spfs.graph;

/** How an object's digest is computed (header byte 9). */
public enum DigestStrategy {
    /** Plain SHA-256 of the digest encoding; an empty platform collides with 8 zero bytes. */
    LEGACY(0),
    /** SHA-256 of a fixed salt, the kind byte and the digest encoding: the default. */
    WITH_KIND_AND_SALT(1);

    private final int number;

    DigestStrategy(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static DigestStrategy fromNumber(int n) {
        for (DigestStrategy s : values()) {
            if (s.number == n) {
                return s;
            }
        }
        return null;
    }
}
