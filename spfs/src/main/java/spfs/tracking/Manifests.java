package spfs.tracking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import spfs.encoding.Digest;
import spfs.graph.Entry;
import spfs.graph.EntryKind;
import spfs.graph.Manifest;
import spfs.graph.MalformedObjectException;
import spfs.graph.SpfsObject;
import spfs.graph.NameOrder;
import spfs.graph.ObjectFormat;
import spfs.graph.Tree;

/** Converts between stored manifests and in-memory trees, byte-compatibly with spfs. */
public final class Manifests {
    private Manifests() {}

    /**
     * The stored form of {@code root}. Tree order feeds the digest, so it follows spfs exactly:
     * the root, then each sub-directory's own list depth first, each distinct tree once.
     */
    public static Manifest toManifest(DirNode root, ObjectFormat format) {
        return new Manifest(new ArrayList<>(buildTrees(root).values()), format);
    }

    /** Each distinct tree under {@code dir} by its digest, in stored order: every tree hashed once. */
    private static LinkedHashMap<Digest, Tree> buildTrees(DirNode dir) {
        List<Entry> entries = new ArrayList<>(dir.children().size());
        List<LinkedHashMap<Digest, Tree>> subs = new ArrayList<>();
        for (Map.Entry<String, Node> c : dir.children().entrySet()) {
            Node n = c.getValue();
            if (n instanceof DirNode d) {
                LinkedHashMap<Digest, Tree> sub = buildTrees(d);
                subs.add(sub);
                Digest first = sub.keySet().iterator().next();
                entries.add(new Entry(c.getKey(), EntryKind.TREE, d.mode(), d.legacySize(), first));
            } else if (n instanceof FileNode f) {
                entries.add(new Entry(c.getKey(), EntryKind.BLOB, f.mode(), f.size(), f.object()));
            } else {
                MaskNode m = (MaskNode) n;
                entries.add(new Entry(c.getKey(), EntryKind.MASK, m.mode(), m.size(), m.object()));
            }
        }
        entries.sort(NameOrder.STORED);
        LinkedHashMap<Digest, Tree> unique = new LinkedHashMap<>();
        Tree self = new Tree(entries);
        unique.put(self.digest(), self);
        for (LinkedHashMap<Digest, Tree> sub : subs) {
            for (Map.Entry<Digest, Tree> t : sub.entrySet()) {
                unique.putIfAbsent(t.getKey(), t.getValue());
            }
        }
        return unique;
    }

    /** The in-memory tree of the manifest stored as {@code digest}; damaged trees are reported as corrupt. */
    public static DirNode read(spfs.storage.ObjectDatabase db, Digest digest) {
        SpfsObject o = db.readObject(digest);
        if (!(o instanceof Manifest m)) {
            throw spfs.error.SpfsException.badInput("not-a-manifest", digest + " is a " + o.kind().label() + ", not a manifest");
        }
        return toTree(m, () -> digest);
    }

    /** The in-memory tree of a manifest. */
    public static DirNode toTree(Manifest manifest) {
        return toTree(manifest, manifest::digest);
    }

    /** {@code storedAs} names the manifest in an error only: hashing a whole manifest costs a render. */
    private static DirNode toTree(Manifest manifest, Supplier<Digest> storedAs) {
        try {
            Map<Digest, Tree> byDigest = manifest.treesByDigest();
            return dir(DirNode.ROOT_MODE, 0, manifest.root(), byDigest, new HashMap<>(), 0);
        } catch (MalformedObjectException e) {
            // it decoded, but its trees do not fit together: stored data is damaged, not our code
            throw new spfs.error.CorruptObjectException("manifest " + storedAs.get(), e.getMessage(), e);
        }
    }

    private static DirNode dir(int mode, long legacySize, Tree tree, Map<Digest, Tree> byDigest,
            Map<Digest, DirNode> done, int depth) {
        if (depth > 4096) {
            throw new MalformedObjectException("manifest trees nest deeper than 4096 (a cycle?)");
        }
        TreeMap<String, Node> children = new TreeMap<>(NameOrder.BYTES);
        for (Entry e : tree.entries()) {
            Node n = switch (e.kind()) {
                case BLOB -> new FileNode(e.mode(), e.size(), e.object());
                case MASK -> new MaskNode(e.mode(), e.size(), e.object());
                case TREE -> {
                    Tree child = byDigest.get(e.object());
                    if (child == null) {
                        throw new MalformedObjectException("entry '" + e.name() + "' names tree " + e.object()
                                + " which the manifest does not contain");
                    }
                    DirNode built = done.get(e.object());
                    if (built == null) {
                        built = dir(e.mode(), e.size(), child, byDigest, done, depth + 1);
                        done.put(e.object(), built);
                    }
                    yield new DirNode(e.mode(), e.size(), built.children());
                }
            };
            children.put(e.name(), n);
        }
        return new DirNode(mode, legacySize, children);
    }
}
