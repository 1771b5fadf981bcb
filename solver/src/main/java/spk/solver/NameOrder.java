package spk.solver;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import spk.error.SpkException;

/**
 * Glob patterns that promote names ahead of the others, as SPK's {@code solver.request_priority_order}
 * (package names) and {@code solver.build_key_name_order} (option names) settings do: a name
 * matching the first pattern comes first, then those matching the second, and so on; names no
 * pattern matches keep their order after them.
 */
public final class NameOrder {
    /** No patterns: every name keeps its place. */
    public static final NameOrder NONE = new NameOrder(List.of(), "");

    private final List<String> patterns;
    private final List<PathMatcher> matchers;

    private NameOrder(List<String> patterns, String setting) {
        this.patterns = List.copyOf(patterns);
        List<PathMatcher> m = new ArrayList<>();
        for (String p : this.patterns) {
            try {
                m.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            } catch (java.util.regex.PatternSyntaxException e) {
                // its message spans lines (pattern, caret) and quotes brackets oddly; one clear line instead
                throw new InvalidPattern(setting, p, "not a valid glob at position " + (e.getIndex() + 1));
            } catch (IllegalArgumentException e) {
                throw new InvalidPattern(setting, p, e.getMessage());
            }
        }
        this.matchers = List.copyOf(m);
    }

    /**
     * Parses a comma-separated list of globs ({@code "gcc,python*"}); blank entries are ignored.
     *
     * @param setting the setting's name, for the message when a pattern is not a valid glob
     */
    public static NameOrder parse(String commaSeparated, String setting) {
        List<String> out = new ArrayList<>();
        for (String p : commaSeparated.split(",")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out.isEmpty() ? NONE : new NameOrder(out, setting);
    }

    public List<String> patterns() {
        return patterns;
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** The index of the first pattern {@code name} matches, or the number of patterns when none does. */
    public int rank(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            return matchers.size();
        }
        Path p = Path.of(name);
        for (int i = 0; i < matchers.size(); i++) {
            if (matchers.get(i).matches(p)) {
                return i;
            }
        }
        return matchers.size();
    }

    @Override
    public String toString() {
        return String.join(",", patterns);
    }

    /** A pattern in the solver's settings is not a glob. */
    public static final class InvalidPattern extends SpkException {
        private static final long serialVersionUID = 1L;

        InvalidPattern(String setting, String pattern, String why) {
            super("invalid-setting", "invalid pattern '" + pattern + "' in " + setting + ": " + why);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
