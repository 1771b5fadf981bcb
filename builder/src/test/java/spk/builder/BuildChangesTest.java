package spk.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;
import spk.grammar.ident.BuildIdent;

public class BuildChangesTest {
    static final BuildIdent BASE = BuildIdent.parse("base/1.0.0/3I42H3S6");
    static final BuildIdent OLD_SELF = BuildIdent.parse("me/0.9.0/3I42H3S6");
    static final BuildIdent ME = BuildIdent.parse("me/1.0.0/3I42H3S6");

    /** A tree of files whose content is their text after '='; a value of null is a mask. */
    public static DirNode tree(Map<String, String> files) {
        DirNode root = DirNode.emptyRoot();
        for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
            Node n = f.getValue() == null ? MaskNode.of() : new FileNode(0100644, f.getValue().length(),
                    Digest.ofUtf8(f.getValue()));
            root = put(root, f.getKey().split("/"), 0, n);
        }
        return root;
    }

    static DirNode put(DirNode dir, String[] p, int i, Node n) {
        TreeMap<String, Node> c = new TreeMap<>(dir.children());
        c.put(p[i], i == p.length - 1 ? n : put(c.get(p[i]) instanceof DirNode d ? d : new DirNode(040755, Map.of()), p,
                i + 1, n));
        return new DirNode(dir.mode(), c);
    }

    static List<String> summary(BuildChanges c) {
        return c.changes().stream().map(x -> x.kind() + " " + x.path() + x.owner().map(o -> " (" + o.name() + ")")
                .orElse("")).toList();
    }

    @Test
    void changesAreToldApartByWhatTheEnvironmentHeld() {
        DirNode written = tree(Map.of(
                "bin/new", "fresh",          // added
                "etc/conf", "b",             // another package's file, changed
                "lib/libx.so", "x",          // another package's file rewritten as it was: dropped
                "share/me/version", "0.9",   // an older self's file rewritten as it was: kept (recursive build)
                "bin/tool", "v1-gone"));
        written = put(written, "lib/gone".split("/"), 0, MaskNode.of()); // masks nothing: not a removal
        written = put(written, "etc/old".split("/"), 0, MaskNode.of());
        EnvironmentFiles env = EnvironmentFiles.ofTrees(List.of(
                Map.entry(BASE, tree(Map.of("bin/tool", "v1", "etc/conf", "a", "etc/old", "o", "lib/libx.so", "x"))),
                Map.entry(OLD_SELF, tree(Map.of("share/me/version", "0.9")))));
        BuildChanges c = BuildChanges.of(written, env, ME, Set.of());
        assertEquals(List.of("ADDED bin/new", "CHANGED bin/tool (base)", "CHANGED etc/conf (base)",
                "REMOVED etc/old (base)", "TOUCHED share/me/version (me)"), summary(c));
        assertEquals(Set.of("bin", "etc", "share"), c.tree().children().keySet(), "lib held only dropped entries");
    }

    @Test
    void theSourcesFolderAndIgnoredPathsAreNotCollected() {
        EnvironmentFiles env = EnvironmentFiles.ofTrees(List.of(Map.entry(ME.versionIdent().withBuild(
                spk.grammar.build.Build.SOURCE), tree(Map.of("spk/pkg/me/1.0.0/src/main.c", "int main;")))));
        DirNode written = tree(Map.of("spk/pkg/me/1.0.0/src/main.o", "obj", "spk/pkg/me/1.0.0/src/main.c", "changed",
                "bin/me", "exe"));
        BuildChanges c = BuildChanges.of(written, env, ME, Set.of("spk/pkg/me/1.0.0/src"));
        assertEquals(List.of("ADDED bin", "ADDED bin/me"), summary(c));
    }

    @Test
    void aMaskOverAFolderRemovesEverythingBelowItFromTheEnvironment() {
        EnvironmentFiles env = EnvironmentFiles.ofTrees(List.of(
                Map.entry(BASE, tree(Map.of("share/doc/a", "1", "share/doc/b", "2"))),
                Map.entry(OLD_SELF, put(DirNode.emptyRoot(), "share/doc".split("/"), 0, MaskNode.of()))));
        assertEquals(false, env.get("share/doc/a").isPresent());
        assertEquals(true, env.get("share").isPresent());
    }
}
