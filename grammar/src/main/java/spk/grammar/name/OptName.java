package spk.grammar.name;

import java.util.Optional;

/**
 * An option name, optionally namespaced to a package: {@code abi} or {@code python.abi}. The
 * base is 2 to 64 characters of {@code [a-z0-9_-]}; the namespace must be a package name.
 */
public record OptName(String value) implements Comparable<OptName> {
    private static final String LANGUAGE = "option name";

    public OptName {
        int dot = value.indexOf('.');
        if (dot >= 0) {
            NameRules.checkPkgStyle(LANGUAGE, value, value.substring(0, dot), 0);
            NameRules.checkOptBase(LANGUAGE, value, value.substring(dot + 1), dot + 1);
        } else {
            NameRules.checkOptBase(LANGUAGE, value, value, 0);
        }
    }

    /** Parses an option name, failing with a message that names the offending column. */
    public static OptName parse(String text) {
        return new OptName(text);
    }

    /** Checks an option name found at {@code offset} inside {@code whole} (see {@link PkgName#parseWithin}). */
    public static OptName parseWithin(String language, String whole, int offset, String name) {
        int dot = name.indexOf('.');
        if (dot >= 0) {
            NameRules.checkPkgStyle(language, whole, name.substring(0, dot), offset);
            NameRules.checkOptBase(language, whole, name.substring(dot + 1), offset + dot + 1);
        } else {
            NameRules.checkOptBase(language, whole, name, offset);
        }
        return new OptName(name);
    }

    /** The package this option is namespaced to, if any. */
    public Optional<PkgName> namespace() {
        int dot = value.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(new PkgName(value.substring(0, dot)));
    }

    /** The name without its namespace: {@code abi} for {@code python.abi}. */
    public String base() {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(dot + 1);
    }

    /** This option without namespace. */
    public OptName withoutNamespace() {
        return namespace().isPresent() ? new OptName(base()) : this;
    }

    /** This option's base name namespaced to {@code pkg}. */
    public OptName withNamespace(PkgName pkg) {
        return new OptName(pkg.value() + "." + base());
    }

    /** The name used in environment variables: {@code -} becomes {@code _}. */
    public String envName() {
        return value.replace('-', '_');
    }

    @Override
    public int compareTo(OptName o) {
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
        return o == this || o instanceof OptName other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
