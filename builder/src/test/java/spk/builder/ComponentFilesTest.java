package spk.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Node;
import spk.grammar.ident.Component;
import spk.spec.model.ComponentSpec;

class ComponentFilesTest {
    static DirNode tree(String... files) {
        DirNode root = new DirNode(040755, Map.of());
        for (String f : files) {
            root = add(root, f.split("/"), 0);
        }
        return root;
    }

    static DirNode add(DirNode dir, String[] p, int i) {
        TreeMap<String, Node> c = new TreeMap<>(dir.children());
        if (i == p.length - 1) {
            c.put(p[i], new FileNode(0100644, 1, Digest.ofUtf8(String.join("/", p))));
        } else {
            c.put(p[i], add(c.get(p[i]) instanceof DirNode d ? d : new DirNode(040755, Map.of()), p, i + 1));
        }
        return new DirNode(dir.mode(), c);
    }

    static List<String> files(DirNode d, String prefix) {
        List<String> out = new ArrayList<>();
        d.children().forEach((n, node) -> {
            if (node instanceof DirNode sub) {
                out.addAll(files(sub, prefix + n + "/"));
            } else {
                out.add(prefix + n);
            }
        });
        return out;
    }

    static ComponentSpec comp(String name, ComponentSpec.FileMatchMode mode, String... patterns) {
        return new ComponentSpec(Component.parse(name), List.of(patterns), List.of(), List.of(), List.of(), false, mode);
    }

    @Test
    void gitignoreStylePatternsSplitTheFiles() {
        DirNode built = tree("bin/tool", "lib/libx.so", "lib/libx.a", "include/x.h", "include/sub/y.h", "share/doc/README",
                "bin/sub/bin/nested");
        Map<Component, DirNode> parts = ComponentFiles.split(built, List.of(
                comp("run", ComponentSpec.FileMatchMode.ALL, "/bin/", "/lib/", "!*.a"),
                comp("dev", ComponentSpec.FileMatchMode.ALL, "*.h", "/lib/*.a"),
                comp("rest", ComponentSpec.FileMatchMode.REMAINING, "*"),
                comp("none", ComponentSpec.FileMatchMode.ALL)));
        assertEquals(List.of("bin/sub/bin/nested", "bin/tool", "lib/libx.so"), files(parts.get(Component.parse("run")), ""),
                "/bin/ is the top folder with everything in it; !*.a takes the archive back out");
        assertEquals(List.of("include/sub/y.h", "include/x.h", "lib/libx.a"), files(parts.get(Component.parse("dev")), ""));
        assertEquals(List.of("share/doc/README"), files(parts.get(Component.parse("rest")), ""),
                "Remaining gets only what no earlier component took");
        assertEquals(List.of(), files(parts.get(Component.parse("none")), ""), "no patterns, no files");
    }
}
