package spk.grammar.request;

import spk.grammar.InvalidSyntaxException;
import spk.grammar.version.Version;

/**
 * Renders a {@code fromBuildEnv} pin against the version found in the build environment:
 * {@code Binary}/{@code API} give {@code Binary:1.2.3}/{@code API:1.2.3}; otherwise {@code x}
 * takes the next numeric part, {@code v} the whole base version, {@code V} the whole version
 * and {@code X} the pre (after {@code -}) or post (after {@code +}) tags; other characters are
 * copied and trailing {@code -}/{@code +} are dropped.
 */
public final class PinTemplate {
    private PinTemplate() {}

    /** Renders {@code template} (or {@code true}, meaning Binary) into range text. */
    public static String render(String template, Version version) {
        if (template.equals("true") || template.equals("Binary") || template.equals("API")) {
            String rule = template.equals("API") ? "API" : "Binary";
            return rule + ":" + version.base();
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        char mode = 'b';
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == 'x' && mode == 'b') {
                out.append(Integer.toUnsignedString(version.part(next++)));
            } else if (c == 'x') {
                throw new InvalidSyntaxException("pin", template, i + 1,
                        "'x' cannot stand in a " + (mode == '-' ? "pre" : "post") + "-release position; use 'X'");
            } else if (c == 'X' && mode != 'b') {
                out.append(mode == '-' ? version.pre() : version.post());
            } else if (c == 'v' && mode == 'b') {
                out.append(version.base());
            } else if (c == 'V' && mode == 'b') {
                out.append(version);
            } else {
                if (c == '-' || c == '+') {
                    mode = c;
                }
                out.append(c);
            }
        }
        while (out.length() > 0 && (out.charAt(out.length() - 1) == '-' || out.charAt(out.length() - 1) == '+')) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
