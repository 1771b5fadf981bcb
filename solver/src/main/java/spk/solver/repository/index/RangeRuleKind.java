package spk.solver.repository.index;

import spk.grammar.compat.CompatRule;
import spk.grammar.range.CompatRange;
import spk.grammar.range.DoubleEqualsVersion;
import spk.grammar.range.DoubleNotEqualsVersion;
import spk.grammar.range.EqualsVersion;
import spk.grammar.range.GreaterThanOrEqualRange;
import spk.grammar.range.GreaterThanRange;
import spk.grammar.range.LessThanOrEqualRange;
import spk.grammar.range.LessThanRange;
import spk.grammar.range.LowestSpecifiedRange;
import spk.grammar.range.NotEqualsVersion;
import spk.grammar.range.SemverRange;
import spk.grammar.range.VersionRange;
import spk.grammar.range.WildcardRange;
import spk.grammar.version.Version;

/**
 * The kinds of version-range rule an index writes as fields (a kind and the rule's version), so
 * that reading a request runs no grammar: a cold solve otherwise spent a tenth of its time
 * parsing the requests of the builds it read. Written as ordinals (listed in
 * {@link IndexSchema#ENUMS}).
 */
enum RangeRuleKind {
    COMPAT, DOUBLE_EQUALS, DOUBLE_NOT_EQUALS, EQUALS, GREATER, GREATER_OR_EQUAL, LESS, LESS_OR_EQUAL,
    LOWEST_SPECIFIED, NOT_EQUALS, SEMVER,
    /** Written as its text: its parts are not a version, and requests rarely hold one. */
    WILDCARD;

    /** A rule as written: its kind and, but for a wildcard, its version. */
    record Written(RangeRuleKind kind, Version version) {}

    /**
     * {@code r} as its kind and version (as written: its serialised form keeps its parts); a
     * {@link spk.grammar.range.VersionFilter} never is one rule, its rules are written instead.
     */
    static Written of(VersionRange r) {
        if (r instanceof CompatRange c) {
            return new Written(COMPAT, c.base());
        } else if (r instanceof DoubleEqualsVersion d) {
            return new Written(DOUBLE_EQUALS, d.version());
        } else if (r instanceof DoubleNotEqualsVersion d) {
            return new Written(DOUBLE_NOT_EQUALS, d.base());
        } else if (r instanceof EqualsVersion e) {
            return new Written(EQUALS, e.version());
        } else if (r instanceof GreaterThanRange g) {
            return new Written(GREATER, g.bound());
        } else if (r instanceof GreaterThanOrEqualRange g) {
            return new Written(GREATER_OR_EQUAL, g.bound());
        } else if (r instanceof LessThanRange l) {
            return new Written(LESS, l.bound());
        } else if (r instanceof LessThanOrEqualRange l) {
            return new Written(LESS_OR_EQUAL, l.bound());
        } else if (r instanceof LowestSpecifiedRange l) {
            return new Written(LOWEST_SPECIFIED, l.base());
        } else if (r instanceof NotEqualsVersion n) {
            return new Written(NOT_EQUALS, n.base());
        } else if (r instanceof SemverRange s) {
            return new Written(SEMVER, s.minimum());
        } else if (r instanceof WildcardRange) {
            return new Written(WILDCARD, null);
        }
        throw new IllegalArgumentException("not a single rule: " + r);
    }

    /** The rule of this kind for {@code v}; {@code required} is a compat rule's, else empty. */
    VersionRange rule(Version v, java.util.Optional<CompatRule> required) {
        return switch (this) {
            case COMPAT -> new CompatRange(v, required);
            case DOUBLE_EQUALS -> new DoubleEqualsVersion(v);
            case DOUBLE_NOT_EQUALS -> new DoubleNotEqualsVersion(v);
            case EQUALS -> new EqualsVersion(v);
            case GREATER -> new GreaterThanRange(v);
            case GREATER_OR_EQUAL -> new GreaterThanOrEqualRange(v);
            case LESS -> new LessThanRange(v);
            case LESS_OR_EQUAL -> new LessThanOrEqualRange(v);
            case LOWEST_SPECIFIED -> new LowestSpecifiedRange(v);
            case NOT_EQUALS -> new NotEqualsVersion(v);
            case SEMVER -> new SemverRange(v);
            case WILDCARD -> throw new IllegalStateException("a wildcard is read from its text");
        };
    }
}
