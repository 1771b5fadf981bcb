package spk.solver.compile;

import java.util.Comparator;
import spk.grammar.version.Version;

/**
 * The preference order of a package's candidates, as SPK's iterator walks them: real builds of
 * every version before any embedded copy; newest version first; existing builds before building
 * from source; then the build-key order among a version's builds; finally the label, so the
 * order is total.
 */
record RankKey(int pass, Version version, int kind, int buildOrder, String label) implements Comparable<RankKey> {
    static final int BINARY = 0;
    static final int FROM_SOURCE = 1;

    private static final Comparator<RankKey> ORDER = Comparator.comparingInt(RankKey::pass)
            .thenComparing(RankKey::version, Comparator.reverseOrder())
            .thenComparingInt(RankKey::kind)
            .thenComparingInt(RankKey::buildOrder)
            .thenComparing(RankKey::label);

    @Override
    public int compareTo(RankKey o) {
        return ORDER.compare(this, o);
    }
}
