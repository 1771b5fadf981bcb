package spk.builder;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import spfs.tracking.DirNode;
import spfs.tracking.Node;
import spk.grammar.ident.Component;
import spk.spec.model.ComponentSpec;

/**
 * Splits what a build wrote into its components by their {@code files} patterns (gitignore
 * style, as SPK: {@code /bin/} is the top-level bin folder and everything in it, {@code *.h} any
 * header at any depth, {@code !pattern} takes files back out; the last matching pattern wins).
 * A component with {@code fileMatchMode: Remaining} only gets files no earlier component took.
 */
public final class ComponentFiles {
    private ComponentFiles() {}

    /** The tree of each component, in the order the components are declared. */
    public static Map<Component, DirNode> split(DirNode built, List<ComponentSpec> components) {
        Map<Component, DirNode> out = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (ComponentSpec c : components) {
            List<Rule> rules = new ArrayList<>();
            for (String p : c.files()) {
                rules.add(Rule.parse(p));
            }
            boolean remaining = c.fileMatchMode() == ComponentSpec.FileMatchMode.REMAINING;
            out.put(c.name(), filter(built, "", rules, remaining, taken));
        }
        return out;
    }

    private static DirNode filter(DirNode dir, String prefix, List<Rule> rules, boolean remaining, Set<String> taken) {
        TreeMap<String, Node> kept = new TreeMap<>();
        for (Map.Entry<String, Node> e : dir.children().entrySet()) {
            String path = prefix + "/" + e.getKey();
            if (e.getValue() instanceof DirNode d) {
                DirNode sub = filter(d, path, rules, remaining, taken);
                if (!sub.children().isEmpty() || matches(rules, path, true)) {
                    kept.put(e.getKey(), sub);
                }
            } else if (matches(rules, path, false) && !(remaining && taken.contains(path))) {
                kept.put(e.getKey(), e.getValue());
                taken.add(path);
            }
        }
        return new DirNode(dir.mode(), kept);
    }

    /** Whether the last rule that applies to {@code path} (or to a folder above it) includes it. */
    static boolean matches(List<Rule> rules, String path, boolean isDir) {
        boolean in = false;
        for (Rule r : rules) {
            if (r.applies(path, isDir)) {
                in = !r.negated();
            }
        }
        return in;
    }

    /** One gitignore-style pattern. */
    record Rule(boolean negated, boolean anchored, boolean dirOnly, PathMatcher matcher) {
        static Rule parse(String pattern) {
            String p = pattern.strip();
            boolean negated = p.startsWith("!");
            if (negated) {
                p = p.substring(1);
            }
            boolean dirOnly = p.endsWith("/");
            if (dirOnly) {
                p = p.substring(0, p.length() - 1);
            }
            // a slash anywhere but at the end anchors the pattern at the top, as in gitignore
            boolean anchored = p.startsWith("/") || p.contains("/");
            if (p.startsWith("/")) {
                p = p.substring(1);
            }
            if (p.isEmpty()) {
                p = "**";
            }
            return new Rule(negated, anchored, dirOnly, FileSystems.getDefault().getPathMatcher("glob:" + p));
        }

        /** Whether the pattern names this path or one of the folders it is in. */
        boolean applies(String path, boolean isDir) {
            String[] parts = path.substring(1).split("/");
            for (int end = parts.length; end >= 1; end--) {
                boolean folder = end < parts.length || isDir;
                if (dirOnly && !folder) {
                    continue;
                }
                if (anchored) {
                    if (matcher.matches(Path.of(String.join("/", java.util.Arrays.copyOfRange(parts, 0, end))))) {
                        return true;
                    }
                } else if (matcher.matches(Path.of(parts[end - 1]))) {
                    return true;
                }
            }
            return false;
        }
    }
}
