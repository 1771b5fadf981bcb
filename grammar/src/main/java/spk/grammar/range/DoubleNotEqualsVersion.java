package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * {@code !==1.2}: like {@code !=}, but a version is only rejected when its post-release tags
 * are exactly the given ones (none, if none are given).
 */
public record DoubleNotEqualsVersion(Version base) implements VersionRange {
    boolean rejects(Version version) {
        return Bounds.hasPrefix(version, base.parts())
                && base.post().equals(version.post())
                && (base.pre().isEmpty() || base.pre().equals(version.pre()));
    }

    @Override
    public Compatibility isApplicable(Version version) {
        return rejects(version) ? Compatibility.incompatible("version " + version + " is excluded by " + this)
                : Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.ALL;
    }

    @Override
    public boolean isExact() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleNotEqualsVersion r && r.base.equals(base)
                && r.base.partCount() == base.partCount();
    }

    @Override
    public int hashCode() {
        return base.hashCode() * 31 + base.partCount();
    }

    @Override
    public String toString() {
        return "!==" + base.toSerialized();
    }
}
