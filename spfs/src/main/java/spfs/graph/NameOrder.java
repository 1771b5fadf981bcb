package spfs.graph;

import java.util.Comparator;

/** Entry names compared as spfs does: by their UTF-8 bytes, which is code-point order. */
public final class NameOrder {
    private NameOrder() {}

    /** Byte order of the UTF-8 encodings (String.compareTo differs for supplementary characters). */
    public static final Comparator<String> BYTES = NameOrder::compare;

    private static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Directories first, then by name: the order of entries inside a stored tree. */
    public static final Comparator<Entry> STORED = Comparator
            .comparing((Entry e) -> e.kind() == EntryKind.TREE ? 0 : 1)
            .thenComparing(Entry::name, BYTES);
}
