package spfs.tracking;

import java.util.Optional;
import java.util.TreeMap;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.NameOrder;
import spfs.graph.Platform;
import spfs.graph.SpfsObject;
import spfs.storage.ObjectDatabase;
import spfs.error.SpfsException;

/** Stacks manifests as spfs does when it merges layers (upper entries win; masks delete). */
public final class Layering {
    private Layering() {}

    /** {@code upper} laid over {@code lower}. Masks stay in the result as markers. */
    public static DirNode merge(DirNode lower, DirNode upper) {
        TreeMap<String, Node> children = new TreeMap<>(NameOrder.BYTES);
        children.putAll(lower.children());
        for (var e : upper.children().entrySet()) {
            Node u = e.getValue();
            Node l = children.get(e.getKey());
            if (u instanceof DirNode ud && l instanceof DirNode ld) {
                children.put(e.getKey(), merge(ld, ud));
            } else {
                children.put(e.getKey(), u);
            }
        }
        return new DirNode(upper.mode(), upper.legacySize(), children);
    }

    /** The merged tree of a platform, layer or manifest; a blob has none. */
    public static DirNode mergedTree(ObjectDatabase db, Digest digest) {
        return mergedTree(db, db.readObject(digest), 0);
    }

    private static DirNode mergedTree(ObjectDatabase db, SpfsObject o, int depth) {
        if (depth > 256) {
            throw SpfsException.badInput("too-deep", "platforms nest deeper than 256");
        }
        if (o instanceof Manifest m) {
            return Manifests.toTree(m);
        }
        if (o instanceof Layer l) {
            Optional<Digest> m = l.manifest();
            return m.isPresent() ? Manifests.read(db, m.get()) : DirNode.emptyRoot();
        }
        if (o instanceof Platform p) {
            DirNode acc = DirNode.emptyRoot();
            for (Digest d : p.stack()) {
                acc = merge(acc, mergedTree(db, db.readObject(d), depth + 1));
            }
            return acc;
        }
        Blob b = (Blob) o;
        throw SpfsException.badInput("not-a-tree", "blob " + b.payload() + " is a file, not a directory tree");
    }

    /** The node at {@code path} ("/" or "" = root; a leading /spfs is ignored), or empty. */
    public static Optional<Node> lookup(DirNode root, String path) {
        String p = path;
        if (p.equals("/spfs") || p.startsWith("/spfs/")) {
            p = p.substring(5);
        }
        Node n = root;
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!(n instanceof DirNode d)) {
                return Optional.empty();
            }
            n = d.children().get(part);
            if (n == null || n instanceof MaskNode) {
                return Optional.empty();
            }
        }
        return Optional.of(n);
    }
}
