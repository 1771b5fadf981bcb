package spfs.tracking;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import spfs.graph.EntryKind;
import spfs.graph.NameOrder;

/** A directory: mode, the legacy size it was stored with, and its children by name (byte order). */
public record DirNode(int mode, long legacySize, SortedMap<String, Node> children) implements Node {
    /** The in-memory mode of a manifest's root, which has no entry of its own. */
    public static final int ROOT_MODE = 040777;

    public DirNode {
        TreeMap<String, Node> copy = new TreeMap<>(NameOrder.BYTES);
        copy.putAll(children);
        children = Collections.unmodifiableSortedMap(copy);
    }

    public DirNode(int mode, Map<String, Node> children) {
        this(mode, 0, new TreeMap<>(children));
    }

    /** An empty root. */
    public static DirNode emptyRoot() {
        return new DirNode(ROOT_MODE, Map.of());
    }

    @Override
    public EntryKind kind() {
        return EntryKind.TREE;
    }
}
