package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/** {@code >=1.0}: at least the bound. */
public record GreaterThanOrEqualRange(Version bound) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version version) {
        return version.compareTo(bound) >= 0 ? Compatibility.COMPATIBLE
                : Compatibility.incompatible("version " + version + " is lower than " + bound);
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.atLeast(Point.at(bound), true));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public String toString() {
        return ">=" + bound;
    }
}
