package spk.grammar.request;

/** Whether pre-release versions may satisfy a request; the first is the more restrictive. */
public enum PreReleasePolicy {
    EXCLUDE_ALL("ExcludeAll"),
    INCLUDE_ALL("IncludeAll");

    private final String yamlName;

    PreReleasePolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling used in spec files. */
    public String yamlName() {
        return yamlName;
    }

    /** The policy spelled {@code text} in a spec file, or null. */
    public static PreReleasePolicy fromYaml(String text) {
        for (PreReleasePolicy p : values()) {
            if (p.yamlName.equals(text)) {
                return p;
            }
        }
        return null;
    }
}
