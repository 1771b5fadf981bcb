package spk.spec.model;

import java.util.List;
import spk.grammar.ident.Component;
import spk.grammar.request.Request;

/**
 * One package component: its files (gitignore-style patterns), the components it uses, extra
 * requirements, and the embedded packages it carries. {@code embeddedFabricated} marks an
 * embedded list derived rather than written, which is not serialised.
 */
public record ComponentSpec(Component name, List<String> files, List<Component> uses, List<Request> requirements,
        List<ComponentEmbed> embedded, boolean embeddedFabricated, FileMatchMode fileMatchMode) {
    public ComponentSpec {
        files = List.copyOf(files);
        uses = List.copyOf(uses);
        requirements = List.copyOf(requirements);
        embedded = List.copyOf(embedded);
    }

    /** The auto-added {@code build} or {@code run} component: every file. */
    public static ComponentSpec defaultFor(Component name) {
        return new ComponentSpec(name, List.of("*"), List.of(), List.of(), List.of(), true, FileMatchMode.ALL);
    }

    public ComponentSpec withEmbedded(List<ComponentEmbed> e, boolean fabricated) {
        return new ComponentSpec(name, files, uses, requirements, e, fabricated, fileMatchMode);
    }

    public ComponentSpec withRequirements(List<Request> r) {
        return new ComponentSpec(name, files, uses, r, embedded, embeddedFabricated, fileMatchMode);
    }

    /** How a component's file patterns are matched. */
    public enum FileMatchMode {
        ALL("All"),
        REMAINING("Remaining");

        private final String yamlName;

        FileMatchMode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static FileMatchMode fromYaml(String text) {
            for (FileMatchMode m : values()) {
                if (m.yamlName.equals(text)) {
                    return m;
                }
            }
            return null;
        }
    }
}
