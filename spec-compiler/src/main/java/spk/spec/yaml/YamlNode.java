package spk.spec.yaml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.problem.SpecProblem;

/**
 * A node of a YAML document that knows where it came from (file, line, column) and which field
 * it is ({@code build.options[2].choices}), so every reading error can say exactly that.
 * Scalars keep their text as written: {@code 1.10} stays {@code "1.10"}.
 */
public final class YamlNode {
    private final Node node;
    private final String file;
    private final String path;
    private final int lineOffset;

    private YamlNode(Node node, String file, String path) {
        this(node, file, path, 0);
    }

    private YamlNode(Node node, String file, String path, int lineOffset) {
        this.node = node;
        this.file = file;
        this.path = path;
        this.lineOffset = lineOffset;
    }

    /** Parses one YAML document; an empty document is a null node. */
    public static YamlNode parse(String file, String text) {
        return parse(file, text, 0);
    }

    /**
     * Parses a document that starts {@code lineOffset} lines into {@code file}, so reported lines
     * are those of the file (used to read one entry of a long list on its own).
     */
    public static YamlNode parse(String file, String text, int lineOffset) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setMaxAliasesForCollections(1000).build();
        try {
            Optional<Node> root = new DepthLimitedComposer(settings, text).getSingleNode();
            return new YamlNode(root.orElse(null), file, "", lineOffset);
        } catch (MarkedYamlEngineException e) {
            Location at = e.getProblemMark().map(m -> location(file, m, lineOffset)).orElse(Location.file(file));
            throw new SpecException(new Problem(Problem.Severity.ERROR, at, "",
                    "invalid YAML: " + e.getProblem()));
        } catch (YamlEngineException e) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file), "",
                    "invalid YAML: " + e.getMessage()));
        }
    }

    private static Location location(String file, Mark m, int lineOffset) {
        return new Location(file, m.getLine() + 1 + lineOffset, m.getColumn() + 1);
    }

    public Location location() {
        if (node == null) {
            return Location.file(file);
        }
        return node.getStartMark().map(m -> location(file, m, lineOffset)).orElse(Location.file(file));
    }

    /** The field path of this node; empty for the document root. */
    public String path() {
        return path;
    }

    public String file() {
        return file;
    }

    /** An error about this node, to throw. */
    public SpecProblem problem(String message) {
        return new SpecProblem(new Problem(Problem.Severity.ERROR, location(), path, message));
    }

    /** A warning about this node. */
    public Problem warning(String message) {
        return new Problem(Problem.Severity.WARNING, location(), path, message);
    }

    public boolean isNull() {
        return node == null || (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL));
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode && !isNull();
    }

    /** What this node is, in words, for error messages. */
    public String kind() {
        if (isNull()) {
            return "nothing";
        }
        if (isMapping()) {
            return "a mapping";
        }
        if (isSequence()) {
            return "a list";
        }
        String value = ((ScalarNode) node).getValue();
        // a whole file that is one plain scalar (passwd, a README) must not be echoed back in full
        return "'" + (value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN - 3) + "..." : value) + "'";
    }

    /** How much of a scalar an error message quotes. */
    private static final int MAX_SHOWN = 60;

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** One key and value of a mapping. */
    public record Entry(String key, YamlNode keyNode, YamlNode value) {}

    /** The entries of a mapping in order; fails for anything else or for a repeated key. */
    public List<Entry> entries() {
        if (!(node instanceof MappingNode m)) {
            throw problem("expected a mapping, found " + kind());
        }
        List<Entry> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode k = new YamlNode(t.getKeyNode(), file, path, lineOffset);
            if (!(t.getKeyNode() instanceof ScalarNode ks)) {
                throw k.problem("expected a plain key, found " + k.kind());
            }
            String key = ks.getValue();
            if (!seen.add(key)) {
                throw new YamlNode(t.getKeyNode(), file, child(key), lineOffset).problem("duplicate key '" + key + "'");
            }
            out.add(new Entry(key, new YamlNode(t.getKeyNode(), file, child(key), lineOffset),
                    new YamlNode(t.getValueNode(), file, child(key), lineOffset)));
        }
        return out;
    }

    /** The value for {@code key}, if present and not null. */
    public Optional<YamlNode> get(String key) {
        for (Entry e : entries()) {
            if (e.key().equals(key)) {
                return e.value().isNull() ? Optional.empty() : Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** True if the mapping has {@code key}, even with a null value. */
    public boolean has(String key) {
        return entries().stream().anyMatch(e -> e.key().equals(key));
    }

    /** Like {@link #get} but comparing keys without regard to case, as SPK does for requests. */
    public Optional<YamlNode> getIgnoreCase(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (Entry e : entries()) {
            if (e.key().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.value().isNull() ? Optional.empty() : Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** The items of a list; fails for anything else. */
    public List<YamlNode> items() {
        if (!(node instanceof SequenceNode s)) {
            throw problem("expected a list, found " + kind());
        }
        List<YamlNode> out = new ArrayList<>();
        int i = 0;
        for (Node n : s.getValue()) {
            out.add(new YamlNode(n, file, path + "[" + i++ + "]", lineOffset));
        }
        return out;
    }

    /** A scalar's text as written (numbers and booleans included); fails for anything else. */
    public String string() {
        if (!(node instanceof ScalarNode s) || isNull()) {
            throw problem("expected a string, found " + kind());
        }
        return s.getValue();
    }

    /** True or false; fails for anything else. */
    public boolean bool() {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return s.getValue().equalsIgnoreCase("true");
        }
        throw problem("expected true or false, found " + kind());
    }

    /** True if this scalar was written as a YAML boolean. */
    public boolean isBool() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL);
    }

    /** An integer; fails for anything else. */
    public int integer() {
        String text = string();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw problem("expected a whole number, found '" + text + "'");
        }
    }

    /** A list of strings, or a single string taken as a list of one; empty list items are empty strings. */
    public List<String> stringOrList() {
        if (isSequence()) {
            List<String> out = new ArrayList<>();
            for (YamlNode n : items()) {
                out.add(n.isNull() ? "" : n.string());
            }
            return out;
        }
        return List.of(string());
    }
}
