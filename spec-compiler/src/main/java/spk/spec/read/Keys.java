package spk.spec.read;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/** Warns about keys a mapping does not know, suggesting the closest known one. */
final class Keys {
    private Keys() {}

    /** Records a warning for each key of {@code map} not in {@code known} (compared ignoring case if asked). */
    static void warnUnknown(YamlNode map, Set<String> known, boolean ignoreCase, Problems problems) {
        if (!map.isMapping()) {
            return;
        }
        for (YamlNode.Entry e : map.entries()) {
            String key = ignoreCase ? e.key().toLowerCase(Locale.ROOT) : e.key();
            boolean isKnown = ignoreCase ? known.stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(key))
                    : known.contains(key);
            if (!isKnown) {
                problems.add(e.keyNode().warning(unknownMessage(e.key(), known)));
            }
        }
    }

    /** Like {@link #warnUnknown} but an error, for formats that deny unknown fields. */
    static void denyUnknown(YamlNode map, Set<String> known, Problems problems) {
        if (!map.isMapping()) {
            return;
        }
        for (YamlNode.Entry e : map.entries()) {
            if (!known.contains(e.key())) {
                problems.add(e.keyNode().problem(unknownMessage(e.key(), known)).problem());
            }
        }
    }

    static String unknownMessage(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        String hint = best != null && bestDistance <= Math.max(2, key.length() / 3) ? ", did you mean '" + best + "'?"
                : " (expected one of " + String.join(", ", List.copyOf(new java.util.TreeSet<>(known))) + ")";
        return "unknown key '" + key + "'" + hint;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
