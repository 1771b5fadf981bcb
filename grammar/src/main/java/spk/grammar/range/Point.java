package spk.grammar.range;

import spk.grammar.version.TagSet;
import spk.grammar.version.Version;

/**
 * A position in the version order: a version, or a point infinitesimally below ({@code -1}) or
 * above ({@code +1}) every version with the same numeric parts. {@code 1.3-ε} sits below
 * {@code 1.3.0-rc.1}; {@code 1.3+ε} sits above {@code 1.3.0+r.9} and below {@code 1.3.0.1}.
 */
public record Point(Version version, int epsilon) implements Comparable<Point> {
    public Point {
        if (epsilon < -1 || epsilon > 1) {
            throw new IllegalArgumentException("epsilon must be -1, 0 or 1");
        }
        if (epsilon != 0) {
            version = version.base();
        }
    }

    /** Exactly this version. */
    public static Point at(Version v) {
        return new Point(v, 0);
    }

    /** Just below every version whose numeric parts equal these. */
    public static Point below(int... parts) {
        return new Point(Version.of(parts), -1);
    }

    /** Just above every version whose numeric parts equal these. */
    public static Point above(int... parts) {
        return new Point(Version.of(parts), 1);
    }

    /** Compares a version with this point; never 0 unless the point is exactly that version. */
    public int compareToVersion(Version v) {
        int c = Version.compareParts(version.parts(), v.parts());
        if (c != 0) {
            return c;
        }
        if (epsilon != 0) {
            return epsilon;
        }
        return version.compareTo(v);
    }

    @Override
    public int compareTo(Point o) {
        int c = Version.compareParts(version.parts(), o.version.parts());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(epsilon, o.epsilon);
        if (c != 0 || epsilon != 0) {
            return c;
        }
        return Version.compareTags(version, o.version);
    }

    /** The tag sets are irrelevant for epsilon points; kept for exact points. */
    TagSet pre() {
        return version.pre();
    }

    @Override
    public String toString() {
        return version + (epsilon < 0 ? "-ε" : epsilon > 0 ? "+ε" : "");
    }
}
