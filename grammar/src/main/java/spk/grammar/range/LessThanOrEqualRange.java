package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/** {@code <=2.0}: at most the bound ({@code <=1.0.0} rejects {@code 1.0.0+r.1}). */
public record LessThanOrEqualRange(Version bound) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version version) {
        return version.compareTo(bound) <= 0 ? Compatibility.COMPATIBLE
                : Compatibility.incompatible("version " + version + " is greater than " + bound);
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.below(Point.at(bound), true));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public String toString() {
        return "<=" + bound;
    }
}
