package spk.debian.catalog;

import java.util.ArrayList;
import java.util.List;
import spk.debian.version.DebianVersion;

/**
 * Parses relation fields ({@code Depends}, {@code Conflicts}, {@code Provides}, ...):
 * comma-separated entries, each a {@code |}-separated list of {@code name[:arch] [(op version)]}.
 * Architecture restrictions ({@code [amd64]}) and build profiles ({@code <nocheck>}) belong to
 * source packages and are skipped. A malformed entry is an {@link IllegalArgumentException}
 * whose message names it.
 */
final class RelationParser {
    private RelationParser() {}

    /** A field of disjunctions (Depends, Pre-Depends). */
    static List<List<Relation>> disjunctions(String field) {
        List<List<Relation>> out = new ArrayList<>();
        if (field == null) {
            return out;
        }
        for (String entry : split(field, ',')) {
            if (entry.isBlank()) {
                continue;
            }
            List<Relation> alternatives = new ArrayList<>(1);
            for (String alt : split(entry, '|')) {
                alternatives.add(relation(alt));
            }
            out.add(List.copyOf(alternatives));
        }
        return out;
    }

    /** A field without alternatives (Conflicts, Breaks, Provides). */
    static List<Relation> list(String field, List<Relation> into) {
        if (field == null) {
            return into;
        }
        for (String entry : split(field, ',')) {
            if (!entry.isBlank()) {
                if (entry.indexOf('|') >= 0) {
                    throw new IllegalArgumentException("alternatives are not allowed here: '" + entry.strip() + "'");
                }
                into.add(relation(entry));
            }
        }
        return into;
    }

    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    static Relation relation(String text) {
        String s = text.strip();
        int n = s.length();
        int i = 0;
        while (i < n && !Character.isWhitespace(s.charAt(i)) && "(:[<".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("missing package name in '" + s + "'");
        }
        String name = s.substring(0, i);
        String arch = null;
        if (i < n && s.charAt(i) == ':') {
            int a = ++i;
            while (i < n && !Character.isWhitespace(s.charAt(i)) && "([<".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            arch = s.substring(a, i);
            if (arch.isEmpty()) {
                throw new IllegalArgumentException("empty architecture qualifier in '" + s + "'");
            }
        }
        i = skipSpace(s, i);
        Op op = null;
        DebianVersion version = null;
        if (i < n && s.charAt(i) == '(') {
            int close = s.indexOf(')', i);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '(' in '" + s + "'");
            }
            String inner = s.substring(i + 1, close).strip();
            int k = 0;
            while (k < inner.length() && "<>=".indexOf(inner.charAt(k)) >= 0) {
                k++;
            }
            op = Op.parse(inner.substring(0, k));
            if (op == null) {
                throw new IllegalArgumentException("bad version operator in '" + s + "'");
            }
            version = DebianVersion.parse(inner.substring(k));
            i = skipSpace(s, close + 1);
        }
        // source-only restrictions: [arch list] and <build profiles>
        while (i < n && (s.charAt(i) == '[' || s.charAt(i) == '<')) {
            char closing = s.charAt(i) == '[' ? ']' : '>';
            int close = s.indexOf(closing, i);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '" + s.charAt(i) + "' in '" + s + "'");
            }
            i = skipSpace(s, close + 1);
        }
        if (i < n) {
            throw new IllegalArgumentException("unexpected '" + s.substring(i) + "' in '" + s + "'");
        }
        return new Relation(name, arch, op, version);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
