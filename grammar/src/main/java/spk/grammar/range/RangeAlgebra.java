package spk.grammar.range;

import java.util.ArrayList;
import java.util.List;
import spk.grammar.compat.Compatibility;

/**
 * Intersection, containment and simplification of version ranges. Everything here is sound:
 * a range is only said to imply another when that is certain for every package compat, so
 * simplifying never changes which versions a filter accepts.
 */
final class RangeAlgebra {
    private RangeAlgebra() {}

    static Compatibility intersects(VersionRange a, VersionRange b) {
        if (a.hull().intersect(b.hull()).isEmpty()) {
            return Compatibility.incompatible("no version satisfies both " + a + " and " + b);
        }
        return Compatibility.COMPATIBLE;
    }

    static Compatibility contains(VersionRange a, VersionRange b) {
        List<VersionRange> given = b.rules();
        for (VersionRange target : a.rules()) {
            if (!implied(given, target, true)) {
                return Compatibility.incompatible(a + " does not contain " + b + " (" + target + " is not implied)");
            }
        }
        return Compatibility.COMPATIBLE;
    }

    /**
     * True if every version satisfying all of {@code given} satisfies {@code target}.
     * {@code mergeCompat} lets a compat rule imply a looser compat rule of the same base
     * ({@code Binary:1.2} implies {@code API:1.2}, and a plain {@code 1.2} is implied by both), as
     * SPK does when one string is parsed but not when two requests meet.
     */
    static boolean implied(List<VersionRange> given, VersionRange target, boolean mergeCompat) {
        if (given.contains(target)) {
            return true;
        }
        if (target instanceof CompatRange c) {
            for (VersionRange g : given) {
                if (g instanceof CompatRange d && mergeCompat && d.base().equals(c.base())
                        && d.strictness() >= c.strictness()) {
                    return true;
                }
                if (g instanceof DoubleEqualsVersion e && e.version().equals(c.base())) {
                    return true;
                }
                if (g instanceof EqualsVersion e && e.version().equals(c.base())) {
                    return true;
                }
            }
            return false;
        }
        IntervalSet hull = IntervalSet.ALL;
        for (VersionRange g : given) {
            hull = hull.intersect(g.hull());
        }
        if (target.isExact()) {
            return target.hull().encloses(hull);
        }
        for (VersionRange g : given) {
            if (g instanceof DoubleEqualsVersion e && target.contains(e.version())) {
                return true;
            }
        }
        return false;
    }

    /** Drops, one at a time, each rule that the remaining ones imply. */
    static List<VersionRange> simplify(List<VersionRange> rules, boolean mergeCompat) {
        List<VersionRange> rs = new ArrayList<>(new VersionFilter(rules).rules());
        boolean changed = true;
        while (changed && rs.size() > 1) {
            changed = false;
            for (int i = 0; i < rs.size(); i++) {
                List<VersionRange> others = new ArrayList<>(rs);
                VersionRange r = others.remove(i);
                if (implied(others, r, mergeCompat)) {
                    rs.remove(i);
                    changed = true;
                    break;
                }
            }
        }
        return rs;
    }
}
