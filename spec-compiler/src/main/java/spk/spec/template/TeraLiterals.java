package spk.spec.template;

/**
 * SPK's engine (tera) takes backslashes in template string literals as written, so recipes
 * write {@code replace_regex(from="(\d+)\.(\d+)")}; Jinjava's expression language treats the
 * backslash as an escape. Doubling every backslash inside string literals of template tags gives
 * Jinjava the same strings tera sees.
 */
final class TeraLiterals {
    private TeraLiterals() {}

    static String forJinjava(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int open = nextTag(text, i);
            if (open < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open);
            String close = text.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = findClose(text, open + 2, close);
            if (end < 0) {
                out.append(text, open, text.length());
                break;
            }
            out.append(escapeLiterals(text.substring(open, end + 2)));
            i = end + 2;
        }
        return out.toString();
    }

    private static int nextTag(String text, int from) {
        int a = text.indexOf("{{", from);
        int b = text.indexOf("{%", from);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The index of {@code close} after {@code from}, skipping quoted strings. */
    private static int findClose(String text, int from, String close) {
        char quote = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (text.startsWith(close, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String escapeLiterals(String tag) {
        StringBuilder sb = new StringBuilder(tag.length() + 8);
        char quote = 0;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    sb.append("\\\\");
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
