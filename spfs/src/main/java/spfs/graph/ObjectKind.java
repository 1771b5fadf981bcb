package spfs.graph;

/** The kind byte of the object header and of digest salting. */
public enum ObjectKind {
    BLOB(0), MANIFEST(1), LAYER(2), PLATFORM(3), TREE(4), MASK(5);

    private final int number;

    ObjectKind(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The kind stored under {@code number}, or null. */
    public static ObjectKind fromNumber(int number) {
        for (ObjectKind k : values()) {
            if (k.number == number) {
                return k;
            }
        }
        return null;
    }

    /** Lower-case name as spfs prints it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
