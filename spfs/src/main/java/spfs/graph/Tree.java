package spfs.graph;

import java.util.ArrayList;
import java.util.List;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** One directory's entries, as stored (directories first, then by name). Never stored alone. */
public record Tree(List<Entry> entries) {
    public Tree {
        entries = List.copyOf(entries);
    }

    /** Legacy encoding: count, then entries sorted by name bytes only. */
    public void legacyEncode(BinaryWriter w) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> NameOrder.BYTES.compare(a.name(), b.name()));
        w.u64(sorted.size());
        for (Entry e : sorted) {
            e.legacyEncode(w);
        }
    }

    /** SHA-256 of the legacy encoding; never salted. */
    public Digest digest() {
        BinaryWriter w = BinaryWriter.toHasher();
        legacyEncode(w);
        return w.digest();
    }

    /** The entry called {@code name}, or null. */
    public Entry get(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
