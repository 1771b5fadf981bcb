package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/** {@code >1.0}: strictly greater than the bound. */
public record GreaterThanRange(Version bound) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version version) {
        return version.compareTo(bound) > 0 ? Compatibility.COMPATIBLE
                : Compatibility.incompatible("version " + version + " is not greater than " + bound);
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.atLeast(Point.at(bound), false));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public String toString() {
        return ">" + bound;
    }
}
