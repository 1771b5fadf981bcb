package spk.spec.workspace;

import java.util.ArrayList;
import java.util.List;

/** Bash-style brace expansion, as workspace version lists use it: {@code 3.7.{0..17}}, {@code {a,b}}. */
public final class BraceExpansion {
    private BraceExpansion() {}

    public static List<String> expand(String text) {
        int open = text.indexOf('{');
        if (open < 0) {
            return List.of(text);
        }
        int depth = 0;
        int close = -1;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return List.of(text);
        }
        String prefix = text.substring(0, open);
        String inner = text.substring(open + 1, close);
        String suffix = text.substring(close + 1);
        List<String> alternatives = alternatives(inner);
        List<String> out = new ArrayList<>();
        for (String alt : alternatives) {
            for (String tail : expand(suffix)) {
                for (String middle : expand(alt)) {
                    out.add(prefix + middle + tail);
                }
            }
        }
        return out;
    }

    private static List<String> alternatives(String inner) {
        int dots = inner.indexOf("..");
        if (dots > 0 && inner.indexOf(',') < 0) {
            try {
                int from = Integer.parseInt(inner.substring(0, dots));
                int to = Integer.parseInt(inner.substring(dots + 2));
                List<String> out = new ArrayList<>();
                int step = from <= to ? 1 : -1;
                for (int i = from; i != to + step; i += step) {
                    out.add(Integer.toString(i));
                }
                return out;
            } catch (NumberFormatException e) {
                return List.of("{" + inner + "}");
            }
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts.size() == 1 ? List.of("{" + inner + "}") : parts;
    }
}
