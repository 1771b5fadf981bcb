package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * {@code ~1.2.3}: at least the base and below the next value of its second-to-last written part
 * ({@code ~1.2.3} is {@code >=1.2.3,<1.3}, {@code ~1.2} is {@code >=1.2,<2}); pre-releases of the
 * upper bound are excluded too. Needs at least two written parts.
 */
public record LowestSpecifiedRange(Version base) implements VersionRange {
    public LowestSpecifiedRange {
        if (base.partCount() < 2) {
            throw new IllegalArgumentException("~ needs at least two version parts, got " + base.toSerialized());
        }
    }

    /** The exclusive upper end: just below the bumped prefix. */
    private Point upper() {
        int[] bumped = Bounds.bump(base.parts(), base.partCount() - 2);
        return bumped == null ? null : Point.below(bumped);
    }

    @Override
    public Compatibility isApplicable(Version version) {
        if (version.compareTo(base) < 0) {
            return Compatibility.incompatible("version " + version + " is lower than " + base);
        }
        Point upper = upper();
        if (upper != null && upper.compareToVersion(version) <= 0) {
            return Compatibility.incompatible("version " + version + " is not below " + upper.version());
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        Point upper = upper();
        Point lo = Point.at(base);
        return IntervalSet.of(upper == null ? Interval.atLeast(lo, true) : Interval.between(lo, true, upper, false));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LowestSpecifiedRange r && r.base.equals(base) && r.base.partCount() == base.partCount();
    }

    @Override
    public int hashCode() {
        return base.hashCode() * 31 + base.partCount();
    }

    @Override
    public String toString() {
        return "~" + base.toSerialized();
    }
}
