package spfs.graph;

/** What a manifest entry is: a file or symlink (blob), a directory (tree), or a deletion (mask). */
public enum EntryKind {
    BLOB(0, "file"), TREE(4, "tree"), MASK(5, "mask");

    private final int number;
    private final String legacyName;

    EntryKind(int number, String legacyName) {
        this.number = number;
        this.legacyName = legacyName;
    }

    /** The FlatBuffers enum value. */
    public int number() {
        return number;
    }

    /** The word used in the legacy encoding. */
    public String legacyName() {
        return legacyName;
    }

    public static EntryKind fromNumber(int n) {
        for (EntryKind k : values()) {
            if (k.number == n) {
                return k;
            }
        }
        return null;
    }

    public static EntryKind fromLegacyName(String s) {
        for (EntryKind k : values()) {
            if (k.legacyName.equals(s)) {
                return k;
            }
        }
        return null;
    }
}
