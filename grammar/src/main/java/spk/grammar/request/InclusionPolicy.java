package spk.grammar.request;

/**
 * Whether a request pulls its package in ({@code Always}) or only constrains it when something
 * else does ({@code IfAlreadyPresent}); the first is the stronger.
 */
public enum InclusionPolicy {
    ALWAYS("Always"),
    IF_ALREADY_PRESENT("IfAlreadyPresent");

    private final String yamlName;

    InclusionPolicy(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static InclusionPolicy fromYaml(String text) {
        for (InclusionPolicy p : values()) {
            if (p.yamlName.equals(text)) {
                return p;
            }
        }
        return null;
    }
}
