package spk.solver.compile;

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

    @Override
    public int compareTo(RankKey o) {
        // written out: sorting the candidates is frequent, and a chain of comparators is slow under C1
        int c = Integer.compare(pass, o.pass);
        if (c != 0) {
            return c;
        }
        c = o.version.compareTo(version);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(kind, o.kind);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(buildOrder, o.buildOrder);
        return c != 0 ? c : label.compareTo(o.label);
    }
}
