package spk.grammar.range;

import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * {@code !=1.2}: rejects every version whose written parts start with the given ones
 * ({@code !=1.0} rejects {@code 1.0.1}); missing parts of the candidate count as zero. With
 * post-release tags only that post release is rejected; with pre-release tags only that
 * pre-release.
 */
public record NotEqualsVersion(Version base) implements VersionRange {
    /** True if {@code version} is one of the versions this rule rejects. */
    boolean rejects(Version version) {
        return Bounds.hasPrefix(version, base.parts())
                && (base.post().isEmpty() || base.post().equals(version.post()))
                && (base.pre().isEmpty() || base.pre().equals(version.pre()));
    }

    @Override
    public Compatibility isApplicable(Version version) {
        return rejects(version) ? Compatibility.incompatible("version " + version + " is excluded by " + this)
                : Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        return isExact() ? Bounds.outsidePrefix(base.parts()) : IntervalSet.ALL;
    }

    @Override
    public boolean isExact() {
        return base.pre().isEmpty() && base.post().isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotEqualsVersion r && r.base.equals(base) && r.base.partCount() == base.partCount();
    }

    @Override
    public int hashCode() {
        return base.hashCode() * 31 + base.partCount();
    }

    @Override
    public String toString() {
        return "!=" + base.toSerialized();
    }
}
