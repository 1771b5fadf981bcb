package spk.grammar.range;

import java.util.Optional;

/**
 * A contiguous set of versions between two optional ends; a missing end is unbounded. Ends at
 * epsilon points never contain a version, so their {@code closed} flag does not matter.
 */
public record Interval(Optional<Point> lower, boolean lowerClosed, Optional<Point> upper, boolean upperClosed) {
    /** Every version. */
    public static final Interval ALL = new Interval(Optional.empty(), false, Optional.empty(), false);

    public static Interval atLeast(Point p, boolean closed) {
        return new Interval(Optional.of(p), closed, Optional.empty(), false);
    }

    public static Interval below(Point p, boolean closed) {
        return new Interval(Optional.empty(), false, Optional.of(p), closed);
    }

    public static Interval between(Point lo, boolean loClosed, Point hi, boolean hiClosed) {
        return new Interval(Optional.of(lo), loClosed, Optional.of(hi), hiClosed);
    }

    /** True if {@code v} lies in this interval. */
    public boolean contains(spk.grammar.version.Version v) {
        if (lower.isPresent()) {
            int c = lower.get().compareToVersion(v);
            if (c > 0 || (c == 0 && !lowerClosed)) {
                return false;
            }
        }
        if (upper.isPresent()) {
            int c = upper.get().compareToVersion(v);
            return c > 0 || (c == 0 && upperClosed);
        }
        return true;
    }

    /** True if no position lies between the ends. */
    public boolean isEmpty() {
        if (lower.isEmpty() || upper.isEmpty()) {
            return false;
        }
        int c = lower.get().compareTo(upper.get());
        return c > 0 || (c == 0 && !(lowerClosed && upperClosed && lower.get().epsilon() == 0));
    }

    /** The versions in both intervals. */
    public Interval intersect(Interval o) {
        Optional<Point> lo = lower;
        boolean loClosed = lowerClosed;
        if (o.lower.isPresent()) {
            int c = lo.isEmpty() ? -1 : lo.get().compareTo(o.lower.get());
            if (c < 0) {
                lo = o.lower;
                loClosed = o.lowerClosed;
            } else if (c == 0) {
                loClosed &= o.lowerClosed;
            }
        }
        Optional<Point> hi = upper;
        boolean hiClosed = upperClosed;
        if (o.upper.isPresent()) {
            int c = hi.isEmpty() ? 1 : hi.get().compareTo(o.upper.get());
            if (c > 0) {
                hi = o.upper;
                hiClosed = o.upperClosed;
            } else if (c == 0) {
                hiClosed &= o.upperClosed;
            }
        }
        return new Interval(lo, loClosed, hi, hiClosed);
    }

    /** True if every version of {@code o} is in this interval (both assumed non-empty). */
    public boolean encloses(Interval o) {
        if (lower.isPresent()) {
            if (o.lower.isEmpty()) {
                return false;
            }
            int c = lower.get().compareTo(o.lower.get());
            if (c > 0 || (c == 0 && !lowerClosed && o.lowerClosed && lower.get().epsilon() == 0)) {
                return false;
            }
        }
        if (upper.isPresent()) {
            if (o.upper.isEmpty()) {
                return false;
            }
            int c = upper.get().compareTo(o.upper.get());
            if (c < 0 || (c == 0 && !upperClosed && o.upperClosed && upper.get().epsilon() == 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return (lower.isEmpty() ? "(-∞" : (lowerClosed ? "[" : "(") + lower.get()) + ", "
                + (upper.isEmpty() ? "∞)" : upper.get() + (upperClosed ? "]" : ")"));
    }
}
