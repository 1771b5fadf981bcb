package spk.grammar.range;

import java.util.Arrays;
import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * {@code 1.*}, {@code 1.2.*}, {@code 1.*.3} or {@code *}: exactly one wildcard; every fixed
 * part must equal the candidate's part at that position (missing parts count as zero).
 */
public record WildcardRange(int[] parts, int star) implements VersionRange {
    /** {@code *}: any version. */
    public static final WildcardRange ANY = new WildcardRange(new int[1], 0);

    public WildcardRange {
        if (star < 0 || star >= parts.length) {
            throw new IllegalArgumentException("the wildcard position must be one of the parts");
        }
        parts = parts.clone();
        parts[star] = 0;
    }

    @Override
    public int[] parts() {
        return parts.clone();
    }

    @Override
    public Compatibility isApplicable(Version version) {
        for (int i = 0; i < parts.length; i++) {
            if (i != star && version.part(i) != parts[i]) {
                return Compatibility.incompatible("version " + version + " does not match " + this);
            }
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Bounds.prefix(Arrays.copyOf(parts, star)));
    }

    @Override
    public boolean isExact() {
        return star == parts.length - 1;
    }

    /** True if this is {@code *}, accepting everything. */
    public boolean isAny() {
        return parts.length == 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardRange w && w.star == star && Arrays.equals(w.parts, parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts) * 31 + star;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(i == star ? "*" : Integer.toUnsignedString(parts[i]));
        }
        return sb.toString();
    }
}
