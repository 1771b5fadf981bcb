package spk.spec.read;

import java.util.function.Function;
import spk.grammar.InvalidSyntaxException;
import spk.spec.yaml.YamlNode;

/** Reads grammar values from YAML scalars, turning syntax errors into located spec problems. */
final class Values {
    private Values() {}

    /** Parses the node's text with {@code parser}; a syntax error is reported at the node. */
    static <T> T parse(YamlNode node, Function<String, T> parser) {
        String text = node.string();
        try {
            return parser.apply(text);
        } catch (InvalidSyntaxException e) {
            throw node.problem(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw node.problem(e.getMessage());
        }
    }

    /** An enum value by its spec spelling, or an error listing the allowed spellings. */
    static <T> T choice(YamlNode node, Function<String, T> lookup, String... allowed) {
        String text = node.string();
        T value = lookup.apply(text);
        if (value == null) {
            throw node.problem("expected one of " + String.join(", ", allowed) + ", found '" + text + "'");
        }
        return value;
    }
}
