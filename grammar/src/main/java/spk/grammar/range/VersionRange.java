package spk.grammar.range;

import java.util.List;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.Compatibility;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.Version;

/**
 * One rule of a version range ({@code >=1.2}, {@code ~1.2.3}, {@code API:1.0}, {@code 1.*}, ...)
 * or a {@link VersionFilter} holding several that must all hold.
 */
public sealed interface VersionRange
        permits CompatRange, DoubleEqualsVersion, DoubleNotEqualsVersion, EqualsVersion, GreaterThanRange,
        GreaterThanOrEqualRange, LessThanRange, LessThanOrEqualRange, LowestSpecifiedRange, NotEqualsVersion,
        SemverRange, WildcardRange, VersionFilter {

    /**
     * Parses a range as SPK's {@code parse_version_range} does: a single rule, or a
     * comma-separated list simplified with compat rules of one base merged into the strictest
     * ({@code 1.2.3,Binary:1.2.3} is {@code Binary:1.2.3}); the empty string is {@code *}.
     */
    static VersionRange parse(String text) {
        if (text.isEmpty()) {
            return WildcardRange.ANY;
        }
        List<VersionRange> rules = RangeAlgebra.simplify(SpkSyntax.rangeRules(text), true);
        return rules.size() == 1 ? rules.get(0) : new VersionFilter(rules);
    }

    /**
     * The range as a spec stores it. Like {@link #toString()} (which pads versions to three parts
     * for display, {@code 2.0.0}), except that a plain or {@code API:}/{@code Binary:} version keeps
     * the parts as written: {@code mytool/2} stays {@code 2}, a pin {@code x.x} rendered from 1.0.0
     * is {@code 1.0}, as SPK serialises them.
     */
    default String toSerialized() {
        return toString();
    }

    /** Checks the version alone, without knowing the package's compat. */
    Compatibility isApplicable(Version version);

    /** True if the version alone satisfies this range. */
    default boolean contains(Version version) {
        return isApplicable(version).isOk();
    }

    /**
     * Checks a candidate package version with its compat; plain and {@code API:}/{@code Binary:}
     * rules use the compat, every other rule only the version. {@code required} is the
     * compatibility plain rules are checked with (SPK matches packages with Binary).
     */
    default Compatibility isSatisfiedBy(Version version, Compat compat, CompatRule required) {
        return isApplicable(version);
    }

    /** The smallest known set of intervals holding every version this range can accept. */
    IntervalSet hull();

    /**
     * True if this range accepts exactly the versions of {@link #hull()}, whatever the
     * package's compat; then containment in it can be decided from intervals alone.
     */
    boolean isExact();

    /** The rules this range is made of: itself, or a filter's rules. */
    default List<VersionRange> rules() {
        return List.of(this);
    }

    /** Whether some version could satisfy both ranges (decided from their hulls). */
    default Compatibility intersects(VersionRange other) {
        return RangeAlgebra.intersects(this, other);
    }

    /**
     * Whether every version allowed by {@code other} is allowed by this range; answers
     * incompatible whenever that cannot be proven.
     */
    default Compatibility containsRange(VersionRange other) {
        return RangeAlgebra.contains(this, other);
    }
}
