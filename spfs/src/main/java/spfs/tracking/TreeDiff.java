package spfs.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import spfs.graph.NameOrder;

/** Differences between two trees, path by path. */
public final class TreeDiff {
    private TreeDiff() {}

    /** One changed path: added ("+"), removed ("-") or changed ("~") with what changed. */
    public record Change(String mark, String path, String detail) {
        @Override
        public String toString() {
            return detail.isEmpty() ? mark + " " + path : mark + " " + path + " " + detail;
        }
    }

    public static List<Change> diff(DirNode a, DirNode b) {
        List<Change> out = new ArrayList<>();
        diff("", a, b, out);
        return out;
    }

    private static void diff(String prefix, DirNode a, DirNode b, List<Change> out) {
        TreeSet<String> names = new TreeSet<>(NameOrder.BYTES);
        names.addAll(a.children().keySet());
        names.addAll(b.children().keySet());
        for (String n : names) {
            Node x = visible(a.children().get(n));
            Node y = visible(b.children().get(n));
            String path = prefix + "/" + n;
            if (x == null && y == null) {
                continue;
            }
            if (x == null) {
                all("+", path, y, out);
            } else if (y == null) {
                all("-", path, x, out);
            } else {
                List<String> what = new ArrayList<>();
                if (x.mode() != y.mode()) {
                    what.add("{" + Integer.toOctalString(x.mode()) + "=>" + Integer.toOctalString(y.mode()) + "}");
                }
                if (x.kind() != y.kind()) {
                    what.add("{" + x.kind().legacyName() + "=>" + y.kind().legacyName() + "}");
                } else if (x instanceof FileNode fx && y instanceof FileNode fy && !Objects.equals(fx.object(), fy.object())) {
                    what.add("{!content!}");
                }
                if (!what.isEmpty()) {
                    out.add(new Change("~", path, String.join(" ", what)));
                }
                if (x instanceof DirNode dx && y instanceof DirNode dy) {
                    diff(path, dx, dy, out);
                } else if (x instanceof DirNode dx) {
                    for (var c : dx.children().entrySet()) {
                        all("-", path + "/" + c.getKey(), c.getValue(), out);
                    }
                } else if (y instanceof DirNode dy) {
                    for (var c : dy.children().entrySet()) {
                        all("+", path + "/" + c.getKey(), c.getValue(), out);
                    }
                }
            }
        }
    }

    private static Node visible(Node n) {
        return n instanceof MaskNode ? null : n;
    }

    private static void all(String mark, String path, Node n, List<Change> out) {
        if (n instanceof MaskNode) {
            return;
        }
        out.add(new Change(mark, path, ""));
        if (n instanceof DirNode d) {
            for (var c : d.children().entrySet()) {
                all(mark, path + "/" + c.getKey(), c.getValue(), out);
            }
        }
    }
}
