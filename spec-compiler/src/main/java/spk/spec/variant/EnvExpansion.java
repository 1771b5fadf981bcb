package spk.spec.variant;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code $VAR} / {@code ${VAR}} substitution; unknown variables are left as written. */
final class EnvExpansion {
    private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

    private EnvExpansion() {}

    static String expand(String value, Map<String, String> vars) {
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String replacement = vars.getOrDefault(name, m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
