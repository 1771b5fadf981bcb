package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.TagSet;
import spk.grammar.version.Version;

/**
 * {@code =1.2.3}: equal numeric parts and pre-release tags; each post-release tag given must be
 * present with the same number, others are free ({@code =1.0.0} accepts {@code 1.0.0+r.2}).
 */
public record EqualsVersion(Version version) implements VersionRange {
    @Override
    public Compatibility isApplicable(Version other) {
        if (!version.partsEqual(other)) {
            return Compatibility.incompatible("version " + other + " is not equal to " + version);
        }
        if (!version.pre().equals(other.pre())) {
            return Compatibility.incompatible("version " + other + " has other pre-release tags than " + version);
        }
        if (!other.post().containsAll(version.post())) {
            return Compatibility.incompatible("version " + other + " lacks the post-release tags of " + version);
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        Point lo = Point.at(version.withTags(version.pre(), TagSet.EMPTY));
        return IntervalSet.of(Interval.between(lo, true, Point.above(version.parts()), false));
    }

    @Override
    public boolean isExact() {
        return version.pre().isEmpty() && version.post().isEmpty();
    }

    @Override
    public String toString() {
        return "=" + version;
    }
}
