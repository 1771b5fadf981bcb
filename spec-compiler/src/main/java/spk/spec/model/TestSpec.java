package spk.spec.model;

import java.util.List;
import java.util.Map;
import spk.grammar.request.Request;

/** One entry of {@code tests}: when it runs, its script, the variants it applies to, extra requests. */
public record TestSpec(Stage stage, List<String> script, List<Map<String, String>> selectors,
        List<Request> requirements) {
    public TestSpec {
        script = List.copyOf(script);
        selectors = selectors.stream().map(m -> java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m)))
                .toList();
        requirements = List.copyOf(requirements);
    }

    /** When a test runs. */
    public enum Stage {
        SOURCES("sources"),
        BUILD("build"),
        INSTALL("install");

        private final String yamlName;

        Stage(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Stage fromYaml(String text) {
            for (Stage s : values()) {
                if (s.yamlName.equals(text)) {
                    return s;
                }
            }
            return null;
        }
    }
}
