package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/** {@code ==1.2.3}: exactly this version, pre and post release tags included. */
public record DoubleEqualsVersion(Version version) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version other) {
        if (!version.partsEqual(other)) {
            return Compatibility.incompatible("version " + other + " is not exactly " + version);
        }
        if (!version.pre().equals(other.pre())) {
            return Compatibility.incompatible("version " + other + " has other pre-release tags than " + version);
        }
        if (!version.post().equals(other.post())) {
            return Compatibility.incompatible("version " + other + " has other post-release tags than " + version);
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.between(Point.at(version), true, Point.at(version), true));
    }

    @Override
    public boolean isExact() {
        return true;
    }

    @Override
    public String toString() {
        return "==" + version;
    }
}
