package spfs.graph;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** A whole directory tree: its trees, the root first, each distinct tree once. */
public record Manifest(List<Tree> trees, ObjectFormat format) implements SpfsObject {
    public Manifest {
        Objects.requireNonNull(format);
        trees = List.copyOf(trees);
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a manifest has at least a root tree");
        }
    }

    /** A manifest of one empty root directory. */
    public static Manifest empty(ObjectFormat format) {
        return new Manifest(List.of(new Tree(List.of())), format);
    }

    public Tree root() {
        return trees.get(0);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.MANIFEST;
    }

    /** The blob digests of all file and symlink entries. */
    @Override
    public List<Digest> childObjects() {
        LinkedHashSet<Digest> out = new LinkedHashSet<>();
        for (Tree t : trees) {
            for (Entry e : t.entries()) {
                if (e.isBlob()) {
                    out.add(e.object());
                }
            }
        }
        return List.copyOf(out);
    }

    /** Above this many trees, their digests are computed on both cores. */
    private static final int PARALLEL_TREES = 64;

    /** Trees by digest, computed once: looking trees up one by one is quadratic. */
    public Map<Digest, Tree> treesByDigest() {
        // a render or a diff reads every tree of a large layer: hashing them is most of it, and
        // independent per tree, so both cores share it; a small manifest (a runtime's start reads
        // several) is not worth starting the common pool's threads for
        List<Digest> digests = (trees.size() > PARALLEL_TREES ? trees.parallelStream() : trees.stream())
                .map(Tree::digest).toList();
        Map<Digest, Tree> m = new HashMap<>();
        for (int i = 0; i < trees.size(); i++) {
            m.putIfAbsent(digests.get(i), trees.get(i));
        }
        return m;
    }

    /** Root tree, count of the others, then the others: both the legacy body and the digest input. */
    @Override
    public void digestEncode(BinaryWriter w) {
        root().legacyEncode(w);
        w.u64(trees.size() - 1L);
        for (int i = 1; i < trees.size(); i++) {
            trees.get(i).legacyEncode(w);
        }
    }
}
