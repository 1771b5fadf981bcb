package spk.grammar.range;

import java.util.ArrayList;
import java.util.List;
import spk.grammar.version.Version;

/**
 * A union of disjoint intervals of versions. Ranges use it to describe the versions they can
 * accept, which decides whether two ranges intersect and whether one implies another.
 */
public record IntervalSet(List<Interval> intervals) {
    /** Every version. */
    public static final IntervalSet ALL = new IntervalSet(List.of(Interval.ALL));
    /** No version. */
    public static final IntervalSet NONE = new IntervalSet(List.of());

    public IntervalSet {
        List<Interval> kept = new ArrayList<>();
        for (Interval i : intervals) {
            if (!i.isEmpty()) {
                kept.add(i);
            }
        }
        intervals = List.copyOf(kept);
    }

    public static IntervalSet of(Interval... intervals) {
        return new IntervalSet(List.of(intervals));
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    public boolean contains(Version v) {
        for (Interval i : intervals) {
            if (i.contains(v)) {
                return true;
            }
        }
        return false;
    }

    /** The versions in both sets. */
    public IntervalSet intersect(IntervalSet o) {
        List<Interval> out = new ArrayList<>();
        for (Interval a : intervals) {
            for (Interval b : o.intervals) {
                Interval c = a.intersect(b);
                if (!c.isEmpty()) {
                    out.add(c);
                }
            }
        }
        return new IntervalSet(out);
    }

    /**
     * True if every version of {@code o} is in this set. Each interval of {@code o} must fit in
     * one interval of this set, which is exact because this set's intervals never touch.
     */
    public boolean encloses(IntervalSet o) {
        for (Interval b : o.intervals) {
            boolean inside = false;
            for (Interval a : intervals) {
                if (a.encloses(b)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return intervals.isEmpty() ? "∅" : intervals.toString();
    }
}
