package spk.solver.repository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where each spec is in a catalog file, and the name and version it is for, without
 * parsing YAML: loading a catalog of hundreds of thousands of builds must cost little more than
 * reading its files, so each file is scanned once, byte by byte. Only the common layouts are
 * recognised (a block list at column 0 whose items hold a {@code pkg:} key, or a file that is one
 * mapping); any other file (flow style, several documents, anchors) is parsed whole at once. A
 * spec that mentions {@code embedded} also lists the words that follow, so that asking which
 * builds embed a package parses only the specs that spell its name.
 */
final class CatalogIndex {
    private CatalogIndex() {}

    /** Where one spec's text is: its file, a span of the file's bytes, and the line it starts on (0-based). */
    record Entry(String file, byte[] bytes, int start, int end, int line) implements PendingSpec {
        String text() {
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }

        @Override
        public List<spk.spec.model.SpecFile> read(spk.spec.problem.Problems problems) {
            return SpecTexts.read(file, text(), line, problems);
        }

        @Override
        public spk.spec.problem.Location location() {
            return new spk.spec.problem.Location(file, line + 1, 1);
        }
    }

    /**
     * A spec found for {@code name}, version text {@code version} (parsed when the version is
     * asked for); {@code mentions} holds the words after {@code embedded} when it may embed packages.
     */
    record Indexed(String name, String version, PendingSpec entry, java.util.Set<String> mentions) {}

    /** What a file holds: specs indexed by name and version, and texts to parse now. */
    record Scanned(List<Indexed> indexed, List<Entry> parseNow) {}

    private static final byte[] EMBEDDED = "embedded".getBytes(StandardCharsets.US_ASCII);

    /** Scans one file; pure, so files can be scanned in parallel. */
    static Scanned scan(String file, byte[] b) {
        List<Indexed> indexed = new ArrayList<>();
        List<Entry> parseNow = new ArrayList<>();
        Entry whole = new Entry(file, b, 0, b.length, 0);
        List<int[]> items = new ArrayList<>(); // per entry: start, line, embeds (0/1), identStart, identEnd
        boolean list = false;
        boolean seenContent = false;
        int line = 0;
        int[] current = null;
        int i = 0;
        while (i < b.length) {
            int lineStart = i;
            int c = b[i];
            boolean blank = c == '\n' || c == '\r' || c == '#';
            if (!blank && c == ' ') {
                int j = i;
                while (j < b.length && b[j] == ' ') {
                    j++;
                }
                blank = j == b.length || b[j] == '\n' || b[j] == '\r' || b[j] == '#';
            }
            if (!blank) {
                if (startsWith(b, i, "---") || c == '[' || c == '{' || c == '%') {
                    return new Scanned(indexed, List.of(whole));
                }
                boolean item = c == '-' && (i + 1 == b.length || b[i + 1] == ' ' || b[i + 1] == '\n'
                        || b[i + 1] == '\r');
                if (!seenContent) {
                    seenContent = true;
                    list = item;
                    if (!list) {
                        current = new int[] {0, 0, 0, -1, -1};
                        items.add(current);
                    }
                }
                if (list && item) {
                    current = new int[] {lineStart, line, 0, -1, -1};
                    items.add(current);
                } else if (list && c != ' ') {
                    return new Scanned(indexed, List.of(whole));
                }
                int key = -1;
                if (list && item && startsWith(b, i, "- pkg:")) {
                    key = i + 6;
                } else if (list && startsWith(b, i, "  pkg:")) {
                    key = i + 6;
                } else if (!list && startsWith(b, i, "pkg:")) {
                    key = i + 4;
                }
                if (key >= 0 && current != null) {
                    if (current[3] < 0) {
                        current[3] = key;
                        current[4] = lineEnd(b, key);
                    }
                }
            }
            // the rest of the line: an anchor sends the file to the parser, "embedded" the entry
            while (i < b.length && b[i] != '\n') {
                byte x = b[i];
                if (x == '&') {
                    return new Scanned(indexed, List.of(whole));
                }
                if (x == 'e' && current != null && startsWith(b, i, EMBEDDED)) {
                    current[2] = 1;
                }
                i++;
            }
            i++;
            line++;
        }
        for (int k = 0; k < items.size(); k++) {
            int[] it = items.get(k);
            int end = !list ? b.length : k + 1 < items.size() ? items.get(k + 1)[0] : b.length;
            Entry e = new Entry(file, b, list ? it[0] : 0, end, list ? it[1] : 0);
            String ident = it[3] >= 0 ? identValue(b, it[3], it[4]) : null;
            int a = ident == null ? -1 : ident.indexOf('/');
            int z = ident == null ? -1 : ident.lastIndexOf('/');
            if (a > 0 && z > a) {
                java.util.Set<String> mentions = it[2] == 0 ? java.util.Set.of() : wordsAfterEmbedded(b, e.start(), e.end());
                indexed.add(new Indexed(ident.substring(0, a), ident.substring(a + 1, z), e, mentions));
            } else {
                // no plain name/version/build ident: the parser gives the right answer or error
                parseNow.add(e);
            }
        }
        return new Scanned(indexed, parseNow);
    }

    /** Every word that could be a package name, after the first {@code embedded} in {@code b[from, to)}. */
    private static java.util.Set<String> wordsAfterEmbedded(byte[] b, int from, int to) {
        int i = from;
        while (i < to && !startsWith(b, i, EMBEDDED)) {
            i++;
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        while (i < to) {
            while (i < to && !isNameByte(b[i])) {
                i++;
            }
            int start = i;
            while (i < to && isNameByte(b[i])) {
                i++;
            }
            if (i > start) {
                out.add(new String(b, start, i - start, StandardCharsets.US_ASCII));
            }
        }
        return out;
    }

    private static boolean isNameByte(byte x) {
        return (x >= 'a' && x <= 'z') || (x >= '0' && x <= '9') || x == '-';
    }

    private static int lineEnd(byte[] b, int from) {
        int i = from;
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /** The value of a {@code pkg:} key: trimmed, without a trailing comment or quotes; null if empty. */
    private static String identValue(byte[] b, int from, int to) {
        String v = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
        int hash = v.indexOf(" #");
        if (hash >= 0) {
            v = v.substring(0, hash).strip();
        }
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'')) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int at, byte[] s) {
        if (at + s.length > b.length) {
            return false;
        }
        for (int k = 0; k < s.length; k++) {
            if (b[at + k] != s[k]) {
                return false;
            }
        }
        return true;
    }
}
