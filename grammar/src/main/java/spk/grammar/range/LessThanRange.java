package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/** {@code <2.0}: strictly lower than the bound; pre-releases of the bound are lower. */
public record LessThanRange(Version bound) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version version) {
        return version.compareTo(bound) < 0 ? Compatibility.COMPATIBLE
                : Compatibility.incompatible("version " + version + " is not lower than " + bound);
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.below(Point.at(bound), false));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public String toString() {
        return "<" + bound;
    }
}
