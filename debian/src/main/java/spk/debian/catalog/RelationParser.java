package spk.debian.catalog;

import java.util.ArrayList;
import java.util.List;
import spk.debian.version.DebianVersion;

/**
 * Parses relation fields ({@code Depends}, {@code Conflicts}, {@code Provides}, ...):
 * comma-separated entries, each a {@code |}-separated list of {@code name[:arch] [(op version)]}.
 * Architecture restrictions ({@code [amd64]}) and build profiles ({@code <nocheck>}) belong to
 * source packages and are skipped. A malformed entry is an {@link IllegalArgumentException}
 * whose message names it. The text is scanned in place (a whole archive has about a million
 * relations, so no intermediate strings are made for entries).
 */
final class RelationParser {
    private RelationParser() {}

    /** A field of disjunctions (Depends, Pre-Depends). */
    static List<List<Relation>> disjunctions(String field) {
        List<List<Relation>> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        int n = field.length();
        int start = 0;
        while (start <= n) {
            int comma = field.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            if (!blank(field, start, end)) {
                List<Relation> alternatives = new ArrayList<>(1);
                int a = start;
                while (a <= end) {
                    int bar = field.indexOf('|', a);
                    int altEnd = bar < 0 || bar > end ? end : bar;
                    alternatives.add(relation(field, a, altEnd));
                    a = altEnd + 1;
                }
                out.add(List.copyOf(alternatives));
            }
            start = end + 1;
        }
        return out;
    }

    /** A field without alternatives (Conflicts, Breaks, Provides), appended to {@code into}. */
    static List<Relation> list(String field, List<Relation> into) {
        if (field == null) {
            return into;
        }
        int n = field.length();
        int start = 0;
        while (start <= n) {
            int comma = field.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            if (!blank(field, start, end)) {
                int bar = field.indexOf('|', start);
                if (bar >= 0 && bar < end) {
                    throw new IllegalArgumentException("alternatives are not allowed here: '"
                            + field.substring(start, end).strip() + "'");
                }
                into.add(relation(field, start, end));
            }
            start = end + 1;
        }
        return into;
    }

    private static boolean blank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static Relation relation(String text) {
        return relation(text, 0, text.length());
    }

    private static boolean nameChar(char c, String stops) {
        return !Character.isWhitespace(c) && stops.indexOf(c) < 0;
    }

    /** The relation written in {@code s[from, to)}. */
    static Relation relation(String s, int from, int to) {
        int i = skipSpace(s, from, to);
        int n = to;
        while (n > i && Character.isWhitespace(s.charAt(n - 1))) {
            n--;
        }
        int nameStart = i;
        while (i < n && nameChar(s.charAt(i), "(:[<")) {
            i++;
        }
        if (i == nameStart) {
            throw new IllegalArgumentException("missing package name in '" + s.substring(from, to).strip() + "'");
        }
        String name = s.substring(nameStart, i);
        String arch = null;
        if (i < n && s.charAt(i) == ':') {
            int a = ++i;
            while (i < n && nameChar(s.charAt(i), "([<")) {
                i++;
            }
            arch = s.substring(a, i);
            if (arch.isEmpty()) {
                throw new IllegalArgumentException("empty architecture qualifier in '" + s.substring(from, to).strip() + "'");
            }
        }
        i = skipSpace(s, i, n);
        Op op = null;
        DebianVersion version = null;
        if (i < n && s.charAt(i) == '(') {
            int close = s.indexOf(')', i);
            if (close < 0 || close >= n) {
                throw new IllegalArgumentException("unclosed '(' in '" + s.substring(from, to).strip() + "'");
            }
            int k = skipSpace(s, i + 1, close);
            int opStart = k;
            while (k < close && "<>=".indexOf(s.charAt(k)) >= 0) {
                k++;
            }
            op = Op.parse(s.substring(opStart, k));
            if (op == null) {
                throw new IllegalArgumentException("bad version operator in '" + s.substring(from, to).strip() + "'");
            }
            version = DebianVersion.parse(s.substring(k, close));
            i = skipSpace(s, close + 1, n);
        }
        // source-only restrictions: [arch list] and <build profiles>
        while (i < n && (s.charAt(i) == '[' || s.charAt(i) == '<')) {
            char closing = s.charAt(i) == '[' ? ']' : '>';
            int close = s.indexOf(closing, i);
            if (close < 0 || close >= n) {
                throw new IllegalArgumentException("unclosed '" + s.charAt(i) + "' in '" + s.substring(from, to).strip() + "'");
            }
            i = skipSpace(s, close + 1, n);
        }
        if (i < n) {
            throw new IllegalArgumentException("unexpected '" + s.substring(i, n) + "' in '" + s.substring(from, to).strip() + "'");
        }
        return new Relation(name, arch, op, version);
    }

    private static int skipSpace(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
