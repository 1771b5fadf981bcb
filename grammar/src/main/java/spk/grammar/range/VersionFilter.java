package spk.grammar.range;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.Compatibility;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.Version;

/**
 * The version part of a request: rules that must all hold ({@code >=1.2,<1.5}). No rules means
 * any version. Rules are kept in a canonical order (sorted by their text, as SPK displays them).
 */
public record VersionFilter(List<VersionRange> rules) implements VersionRange {
    /** Any version. */
    public static final VersionFilter ANY = new VersionFilter(List.of());

    public VersionFilter {
        Set<VersionRange> flat = new LinkedHashSet<>();
        for (VersionRange r : rules) {
            flat.addAll(r.rules());
        }
        List<VersionRange> sorted = new ArrayList<>(flat);
        sorted.sort(Comparator.comparing(VersionRange::toString));
        rules = List.copyOf(sorted);
    }

    /** A filter of exactly these rules, without simplification. */
    public static VersionFilter of(VersionRange... rules) {
        return new VersionFilter(List.of(rules));
    }

    /**
     * A filter of these rules without the ones the others imply ({@code >1.0,>2.0} is
     * {@code >2.0}); compat rules are only dropped for an {@code =}/{@code ==} of their base, so
     * the filter accepts exactly what the rules accept together.
     */
    public static VersionFilter simplified(List<VersionRange> rules) {
        return new VersionFilter(RangeAlgebra.simplify(rules, false));
    }

    /**
     * Parses a comma-separated list of rules into a {@linkplain #simplified simplified} filter;
     * the empty string is any version.
     */
    public static VersionFilter parse(String text) {
        if (text.isEmpty()) {
            return ANY;
        }
        return simplified(SpkSyntax.rangeRules(text));
    }

    /**
     * The filter {@code text} denotes, or empty when it is not a version range (e.g. an option
     * value such as {@code on} or {@code cp39}). A range starts with a digit, an operator or a
     * compat prefix ({@code API:}); anything else is refused without running the parser, as
     * callers ask about many plain words.
     */
    public static java.util.Optional<VersionFilter> tryParse(String text) {
        if (text.isEmpty() || !mayStartRange(text)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(parse(text));
        } catch (spk.error.SpkException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean mayStartRange(String text) {
        char c = text.charAt(0);
        if ((c >= '0' && c <= '9') || "^~<>=!*".indexOf(c) >= 0) {
            return true;
        }
        int i = 0;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i > 0 && i < text.length() && text.charAt(i) == ':';
    }

    /** True if this filter has no rules and so accepts any version. */
    public boolean isAny() {
        return rules.isEmpty() || rules.stream().allMatch(r -> r instanceof WildcardRange w && w.isAny());
    }

    @Override
    public List<VersionRange> rules() {
        return rules;
    }

    @Override
    public Compatibility isApplicable(Version version) {
        for (VersionRange r : rules) {
            Compatibility c = r.isApplicable(version);
            if (!c.isOk()) {
                return c;
            }
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public Compatibility isSatisfiedBy(Version version, Compat compat, CompatRule required) {
        for (VersionRange r : rules) {
            Compatibility c = r.isSatisfiedBy(version, compat, required);
            if (!c.isOk()) {
                return c;
            }
        }
        return Compatibility.COMPATIBLE;
    }

    @Override
    public IntervalSet hull() {
        IntervalSet h = IntervalSet.ALL;
        for (VersionRange r : rules) {
            h = h.intersect(r.hull());
        }
        return h;
    }

    @Override
    public boolean isExact() {
        return rules.stream().allMatch(VersionRange::isExact);
    }

    /**
     * The conjunction of this filter and {@code other}, as used when two requests for one
     * package meet; compat rules are not merged with each other. Fails with
     * {@link RangeConflictException} when the two cannot both hold.
     */
    public VersionFilter restrict(VersionRange other) {
        Compatibility c = intersects(other);
        if (!c.isOk()) {
            throw new RangeConflictException(this, other, ((Compatibility.Incompatible) c).reason());
        }
        return merged(other);
    }

    /** Like {@link #restrict}, but empty instead of failing. */
    public Optional<VersionFilter> restrictIfIntersecting(VersionRange other) {
        return intersects(other).isOk() ? Optional.of(merged(other)) : Optional.empty();
    }

    /**
     * The conjunction even when the two do not intersect (then nothing satisfies the result);
     * SPK does this for {@code IfAlreadyPresent} requests.
     */
    public VersionFilter restrictAllowingConflicts(VersionRange other) {
        if (!intersects(other).isOk()) {
            List<VersionRange> all = new ArrayList<>(rules);
            all.addAll(other.rules());
            return new VersionFilter(all);
        }
        return merged(other);
    }

    private VersionFilter merged(VersionRange other) {
        List<VersionRange> all = new ArrayList<>(rules);
        all.addAll(other.rules());
        return new VersionFilter(RangeAlgebra.simplify(new VersionFilter(all).rules(), false));
    }

    @Override
    public String toString() {
        return rules.stream().map(VersionRange::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toSerialized() {
        return rules.stream().map(VersionRange::toSerialized).collect(Collectors.joining(","));
    }
}
