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

    /**
     * The longest name: a stream lives in {@code <name>.tag} beside {@code <name>.tag.lock}, and a
     * file name has at most 255 bytes (names are ASCII, so characters are bytes).
     */
    public static final int MAX_NAME = 255 - ".tag.lock".length();

    /** The longest folder name in a tag's path (one file name). */
    public static final int MAX_FOLDER = 255;

    /**
     * Parses a tag stream's name where a new version is to be written ({@code spfs tag}, {@code
     * -t}): a {@code ~N} suffix, which only selects an existing version, is refused.
     */
    public static TagSpec parseName(String spec) {
        TagSpec t = parse(spec);
        if (spec.indexOf('~') >= 0) {
            throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec + "': a version suffix (~N) selects an"
                    + " existing version; give the name alone (" + t.path() + ") to add a version");
        }
        return t;
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
        if (name.length() > MAX_NAME) {
            throw SpfsException.badInput("invalid-tag", "invalid tag '" + abbreviate(spec) + "': its name is " + name.length()
                    + " bytes long; at most " + MAX_NAME + " fit in a file name");
        }
    }

    /** A long spec cut short for an error message. */
    private static String abbreviate(String spec) {
        return spec.length() <= 80 ? spec : spec.substring(0, 40) + "..." + spec.substring(spec.length() - 20);
    }

    private static void validateOrg(String org, String spec) {
        for (String part : org.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw SpfsException.badInput("invalid-tag", "invalid tag '" + spec
                        + "': its path has an empty, '.' or '..' component");
            }
            if (part.length() > MAX_FOLDER) {
                throw SpfsException.badInput("invalid-tag", "invalid tag '" + abbreviate(spec) + "': its folder '"
                        + abbreviate(part) + "' is " + part.length() + " bytes long; at most " + MAX_FOLDER + " fit in a file name");
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
