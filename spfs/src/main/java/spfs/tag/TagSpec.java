package spfs.tag;

import java.util.Optional;
import spfs.error.SpfsException;

/**
 * {@code [org/]name[~N]}: a tag stream and a version in it (0 = newest). Parsing is stricter
 * than spfs: besides its character rules, empty, "." and ".." path components are rejected,
 * so a tag can never name a file outside the tags directory.
 */
public record TagSpec(Optional<String> org, String name, int version) {
    public TagSpec {
        validateName(name, name);
        org.ifPresent(o -> validateOrg(o, o));
        if (version < 0) {
            throw SpfsException.badInput("invalid-tag", "a tag version cannot be negative");
        }
    }

    /** Parses a spec as users type it. */
    public static TagSpec parse(String spec) {
        int slash = spec.lastIndexOf('/');
        String org = slash < 0 ? "" : spec.substring(0, slash);
        String nameVersion = spec.substring(slash + 1);
        int tilde = nameVersion.indexOf('~');
        String name = tilde < 0 ? nameVersion : nameVersion.substring(0, tilde);
        int version = 0;
        if (tilde >= 0) {
            String v = nameVersion.substring(tilde + 1);
            if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9') || v.length() > 9) {
                throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': the version after '~' must be a number");
            }
            version = Integer.parseInt(v);
        }
        validateName(name, spec);
        if (slash >= 0) {
            validateOrg(org, spec);
        }
        return new TagSpec(org.isEmpty() ? Optional.empty() : Optional.of(org), name, version);
    }

    private static void validateName(String name, String spec) {
        if (name.isEmpty()) {
            throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': the name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c)) {
                throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': '" + c
                        + "' is not allowed in a tag name (letters, digits, '-', '_', '.')");
            }
        }
        if (name.equals(".") || name.equals("..")) {
            throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': the name cannot be '" + name + "'");
        }
    }

    private static void validateOrg(String org, String spec) {
        for (String part : org.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec
                        + "': its path has an empty, '.' or '..' component");
            }
            for (int i = 0; i < part.length(); i++) {
                if (!isNameChar(part.charAt(i))) {
                    throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': '" + part.charAt(i)
                            + "' is not allowed in a tag path");
                }
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    }

    /** Whether {@code spec} parses. */
    public static boolean isValid(String spec) {
        try {
            parse(spec);
            return true;
        } catch (SpfsException e) {
            return false;
        }
    }

    /** {@code org/name}, without version. */
    public String path() {
        return org.map(o -> o + "/" + name).orElse(name);
    }

    public TagSpec withVersion(int v) {
        return new TagSpec(org, name, v);
    }

    @Override
    public String toString() {
        return version == 0 ? path() : path() + "~" + version;
    }
}
