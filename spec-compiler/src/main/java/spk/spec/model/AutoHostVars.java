package spk.spec.model;

/** Which host options a recipe gets as var options automatically. */
public enum AutoHostVars {
    DISTRO("Distro"),
    ARCH("Arch"),
    OS("Os"),
    NONE("None");

    private final String yamlName;

    AutoHostVars(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static AutoHostVars fromYaml(String text) {
        for (AutoHostVars a : values()) {
            if (a.yamlName.equals(text)) {
                return a;
            }
        }
        return null;
    }
}
