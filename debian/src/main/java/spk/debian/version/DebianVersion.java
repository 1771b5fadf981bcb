package spk.debian.version;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered as dpkg orders them:
 * epochs numerically, then upstream and revision by dpkg's rule (runs of non-digits compared
 * character by character with {@code ~} before everything, even the end, and letters before
 * other characters; runs of digits compared as numbers). Two versions dpkg considers equal
 * ({@code 1.0} and {@code 0:1.0-0}) compare as 0 but keep their own text.
 */
public record DebianVersion(long epoch, String upstream, String revision, String text)
        implements Comparable<DebianVersion> {

    /** Parses a version as it appears in a Packages file or a relation. */
    public static DebianVersion parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty version");
        }
        long epoch = 0;
        int colon = t.indexOf(':');
        String rest = t;
        if (colon >= 0) {
            String e = t.substring(0, colon);
            if (e.isEmpty() || !e.chars().allMatch(Character::isDigit) || e.length() > 9) {
                throw new IllegalArgumentException("bad epoch in version '" + t + "'");
            }
            epoch = Long.parseLong(e);
            rest = t.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        String upstream = dash >= 0 ? rest.substring(0, dash) : rest;
        String revision = dash >= 0 ? rest.substring(dash + 1) : "";
        if (upstream.isEmpty()) {
            throw new IllegalArgumentException("empty upstream version in '" + t + "'");
        }
        return new DebianVersion(epoch, upstream, revision, t);
    }

    @Override
    public int compareTo(DebianVersion o) {
        if (epoch != o.epoch) {
            return epoch < o.epoch ? -1 : 1;
        }
        int c = compareParts(upstream, o.upstream);
        return c != 0 ? c : compareParts(revision, o.revision);
    }

    /** dpkg's {@code verrevcmp}: alternating non-digit and digit runs. */
    static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la || j < lb) {
            int firstDiff = 0;
            while ((i < la && !isDigit(a.charAt(i))) || (j < lb && !isDigit(b.charAt(j)))) {
                int ac = i < la ? order(a.charAt(i)) : 0;
                int bc = j < lb ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return ac < bc ? -1 : 1;
                }
                i++;
                j++;
            }
            while (i < la && a.charAt(i) == '0') {
                i++;
            }
            while (j < lb && b.charAt(j) == '0') {
                j++;
            }
            while (i < la && isDigit(a.charAt(i)) && j < lb && isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < la && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < lb && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff < 0 ? -1 : 1;
            }
        }
        return 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The weight of a non-digit character: {@code ~} sorts before the end of the string, letters before symbols. */
    private static int order(char c) {
        if (isDigit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    @Override
    public String toString() {
        return text;
    }
}
