package spk.builder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spfs.storage.ObjectDatabase;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;
import spk.grammar.ident.BuildIdent;

/**
 * Every path of a build environment's {@code /spfs} with the package whose layer put it there
 * (the topmost one), so a build's changes can be told apart: new files, files of another package
 * changed, removed or merely rewritten.
 */
public final class EnvironmentFiles {
    /** A path's entry in the environment and the build it belongs to. */
    public record Owned(Node node, BuildIdent owner) {
        public boolean isDir() {
            return node instanceof DirNode;
        }
    }

    private final TreeMap<String, Owned> byPath;

    private EnvironmentFiles(TreeMap<String, Owned> byPath) {
        this.byPath = byPath;
    }

    /** The environment made of these layers, bottom first. */
    public static EnvironmentFiles of(List<SolutionLayers.PackageLayer> layers, ObjectDatabase db) {
        return ofTrees(layers.stream().map(l -> Map.entry(l.owner(), Layering.mergedTree(db, l.layer()))).toList());
    }

    /** The environment made of these file trees and their packages, bottom first. */
    public static EnvironmentFiles ofTrees(List<Map.Entry<BuildIdent, DirNode>> trees) {
        TreeMap<String, Owned> out = new TreeMap<>();
        for (Map.Entry<BuildIdent, DirNode> t : trees) {
            add(out, "", t.getValue(), t.getKey());
        }
        return new EnvironmentFiles(out);
    }

    private static void add(TreeMap<String, Owned> out, String prefix, DirNode dir, BuildIdent owner) {
        for (Map.Entry<String, Node> e : dir.children().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            Node n = e.getValue();
            if (n instanceof MaskNode) {
                out.remove(path);
                out.subMap(path + "/", path + "/\uffff").clear();
                continue;
            }
            if (!(n instanceof DirNode)) {
                // a file over a folder of a lower layer replaces the whole folder
                out.subMap(path + "/", path + "/\uffff").clear();
            }
            out.put(path, new Owned(n, owner));
            if (n instanceof DirNode d) {
                add(out, path, d, owner);
            }
        }
    }

    /** The entry at {@code path} (relative to /spfs, no leading slash), if the environment has one. */
    public Optional<Owned> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
