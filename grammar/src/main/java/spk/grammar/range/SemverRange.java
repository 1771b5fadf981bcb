package spk.grammar.range;

import java.util.Arrays;
import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * {@code ^1.2.3}: at least the minimum and below the next value of its left-most non-zero part
 * ({@code ^0.2.3} is {@code <0.3.0}, {@code ^0} is {@code <1}). The upper bound has no epsilon,
 * so pre-releases of it are admitted when pre-releases are allowed.
 */
public record SemverRange(Version minimum) implements VersionRange {
    /** The exclusive upper bound, or null if it would overflow. */
    public Version upper() {
        int[] parts = minimum.parts();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                int[] bumped = Bounds.bump(parts, i);
                return bumped == null ? null : Version.of(bumped);
            }
        }
        int[] all = Arrays.copyOf(parts, Math.max(parts.length, 1));
        all[all.length - 1]++;
        return Version.of(all);
    }

    @Override
    public Compatibility isApplicable(Version version) {
        if (version.compareTo(minimum) < 0) {
            return Compatibility.incompatible("version " + version + " is lower than " + minimum);
        }
        Version upper = upper();
        if (upper != null && version.compareTo(upper) >= 0) {
            return Compatibility.incompatible("version " + version + " is not below " + upper);
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        Version upper = upper();
        Point lo = Point.at(minimum);
        return IntervalSet.of(upper == null ? Interval.atLeast(lo, true)
                : Interval.between(lo, true, Point.at(upper), false));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemverRange r && r.minimum.equals(minimum) && r.minimum.partCount() == minimum.partCount();
    }

    @Override
    public int hashCode() {
        return minimum.hashCode() * 31 + minimum.partCount();
    }

    @Override
    public String toString() {
        return "^" + minimum.toSerialized();
    }
}
