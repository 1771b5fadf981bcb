package spk.builder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import spfs.graph.NameOrder;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;
import spk.grammar.ident.BuildIdent;

/**
 * What a build changed in {@code /spfs}, compared with the environment it ran in, and what of it
 * becomes the package, as SPK collects a build: changes inside the sources folder and the build's
 * own metadata folder are left out (the builder writes its metadata itself), and so are files of
 * another package that were rewritten with the same content (touched, not changed), unless that
 * package is another version of the one being built.
 */
public final class BuildChanges {
    /** How a path differs from the environment. */
    public enum Kind {
        ADDED, CHANGED, REMOVED, TOUCHED
    }

    /** One collected change; {@code owner} is the package the path belonged to, if any. */
    public record Change(String path, Kind kind, boolean isDir, Optional<BuildIdent> owner) {}

    private final DirNode tree;
    private final List<Change> changes;

    private BuildChanges(DirNode tree, List<Change> changes) {
        this.tree = tree;
        this.changes = List.copyOf(changes);
    }

    /**
     * @param written what the build wrote (its runtime's changes, masks for removals)
     * @param ignored folders (relative to /spfs) whose changes are dropped
     */
    public static BuildChanges of(DirNode written, EnvironmentFiles env, BuildIdent pkg, Set<String> ignored) {
        List<Change> changes = new ArrayList<>();
        DirNode kept = walk(written, "", env, pkg, ignored, changes);
        return new BuildChanges(kept, changes);
    }

    private static DirNode walk(DirNode dir, String prefix, EnvironmentFiles env, BuildIdent pkg, Set<String> ignored,
            List<Change> changes) {
        TreeMap<String, Node> kept = new TreeMap<>(NameOrder.BYTES);
        for (Map.Entry<String, Node> e : dir.children().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            if (ignored.contains(path)) {
                continue;
            }
            Node n = e.getValue();
            Optional<EnvironmentFiles.Owned> before = env.get(path);
            Optional<BuildIdent> owner = before.map(EnvironmentFiles.Owned::owner);
            if (n instanceof DirNode d) {
                boolean existed = before.isPresent() && before.get().isDir();
                if (!existed) {
                    changes.add(new Change(path, before.isPresent() ? Kind.CHANGED : Kind.ADDED, true, owner));
                }
                DirNode sub = walk(d, path, env, pkg, ignored, changes);
                if (!existed || !sub.children().isEmpty() || (((DirNode) before.get().node()).mode() & 07777) != (d.mode() & 07777)) {
                    kept.put(e.getKey(), sub);
                }
            } else if (n instanceof MaskNode) {
                if (before.isPresent()) {
                    changes.add(new Change(path, Kind.REMOVED, before.get().isDir(), owner));
                    kept.put(e.getKey(), n);
                }
            } else {
                FileNode f = (FileNode) n;
                if (before.isEmpty()) {
                    changes.add(new Change(path, Kind.ADDED, false, owner));
                    kept.put(e.getKey(), n);
                } else if (before.get().node() instanceof FileNode old && old.object().equals(f.object())
                        && old.mode() == f.mode()) {
                    // rewritten as it was: collected only when it is this package's own (a recursive build)
                    if (owner.get().name().equals(pkg.name())) {
                        changes.add(new Change(path, Kind.TOUCHED, false, owner));
                        kept.put(e.getKey(), n);
                    }
                } else {
                    changes.add(new Change(path, Kind.CHANGED, false, owner));
                    kept.put(e.getKey(), n);
                }
            }
        }
        return new DirNode(dir.mode(), dir.legacySize(), kept);
    }

    /** What becomes the package: the collected changes as a tree (masks for removals). */
    public DirNode tree() {
        return tree;
    }

    /** The collected changes, parents before children. */
    public List<Change> changes() {
        return changes;
    }
}
