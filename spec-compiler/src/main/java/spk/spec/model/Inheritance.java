package spk.spec.model;

/** How a var option passes on to packages built against this one. */
public enum Inheritance {
    WEAK("Weak"),
    STRONG_FOR_BUILD_ONLY("StrongForBuildOnly"),
    STRONG("Strong");

    private final String yamlName;

    Inheritance(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Inheritance fromYaml(String text) {
        for (Inheritance i : values()) {
            if (i.yamlName.equals(text)) {
                return i;
            }
        }
        return null;
    }
}
