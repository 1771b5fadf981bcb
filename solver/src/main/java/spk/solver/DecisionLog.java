package spk.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of a solve in SPK's shape ({@code REQUEST}, {@code TRY}, {@code RESOLVE},
 * {@code BLOCKED}), each with the verbosity it shows at and its depth.
 */
public final class DecisionLog {
    /** One line of the log. */
    public record Entry(int depth, int verbosity, char fill, String text) {
        @Override
        public String toString() {
            return String.valueOf(fill).repeat(depth) + " " + text;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public void add(int depth, int verbosity, char fill, String text) {
        entries.add(new Entry(depth, verbosity, fill, text));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The lines shown at {@code verbosity}. */
    public List<String> lines(int verbosity) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.verbosity() <= verbosity) {
                out.add(e.toString());
            }
        }
        return out;
    }
}
