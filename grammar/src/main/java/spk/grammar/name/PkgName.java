package spk.grammar.name;

/**
 * A package name: 2 to 64 characters of {@code [a-z0-9-]}, not starting with a hyphen.
 */
public record PkgName(String value) implements Comparable<PkgName> {
    public PkgName {
        NameRules.checkPkgStyle("package name", value, value, 0);
    }

    /** Parses a package name, failing with a message that names the offending column. */
    public static PkgName parse(String text) {
        return new PkgName(text);
    }

    /**
     * Checks a package name found at {@code offset} inside {@code whole}, reporting problems as
     * an error in {@code language} with the column inside {@code whole}.
     */
    public static PkgName parseWithin(String language, String whole, int offset, String name) {
        NameRules.checkPkgStyle(language, whole, name, offset);
        return new PkgName(name);
    }

    /** True if {@code text} is a valid package name. */
    public static boolean isValid(String text) {
        if (text.length() < NameRules.MIN_LEN || text.length() > NameRules.MAX_LEN || text.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!NameRules.isPkgChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The name as an option name, e.g. for a pkg option named after its package. */
    public OptName asOptName() {
        return new OptName(value);
    }

    @Override
    public int compareTo(PkgName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    // written out: a record's generated equals and hashCode go through method handles, which the
    // launcher's C1-only JIT runs slowly, and the solver hashes names in its innermost loops
    // (the same values as the generated ones: the field's hash, the field's equality)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PkgName other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
