package spk.grammar.range;

import java.util.Arrays;
import spk.grammar.version.Version;

/** Building blocks for the intervals of prefix-based rules ({@code ~}, {@code ^}, {@code !=}, wildcards). */
final class Bounds {
    private Bounds() {}

    /** The parts with the one at {@code index} raised by one and later ones dropped; null on overflow. */
    static int[] bump(int[] parts, int index) {
        if (parts[index] == -1) {
            return null;
        }
        int[] out = Arrays.copyOf(parts, index + 1);
        out[index]++;
        return out;
    }

    /** Every version whose first {@code prefix.length} parts (zero padded) equal {@code prefix}. */
    static Interval prefix(int[] prefix) {
        if (prefix.length == 0) {
            return Interval.ALL;
        }
        int[] next = bump(prefix, prefix.length - 1);
        Point lo = Point.below(prefix);
        return next == null ? Interval.atLeast(lo, false) : Interval.between(lo, false, Point.below(next), false);
    }

    /** Every version outside {@link #prefix}. */
    static IntervalSet outsidePrefix(int[] prefix) {
        if (prefix.length == 0) {
            return IntervalSet.NONE;
        }
        int[] next = bump(prefix, prefix.length - 1);
        Interval below = Interval.below(Point.below(prefix), false);
        return next == null ? IntervalSet.of(below)
                : IntervalSet.of(below, Interval.atLeast(Point.below(next), false));
    }

    /** True if the version's first {@code prefix.length} parts, zero padded, equal {@code prefix}. */
    static boolean hasPrefix(Version v, int[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (v.part(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String join(int[] parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Integer.toUnsignedString(parts[i]));
        }
        return sb.toString();
    }
}
