package spk.grammar.compat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.TagSet;
import spk.grammar.version.Version;

/**
 * A package's compatibility contract: one rule set per version position ({@code x.a.b}), plus
 * optional rules for differing pre ({@code -...}) and post ({@code +...}) releases.
 */
public record Compat(List<CompatRuleSet> parts, Optional<CompatRuleSet> pre, Optional<CompatRuleSet> post) {
    /** The default contract, {@code x.a.b}. */
    public static final Compat DEFAULT = new Compat(List.of(
            CompatRuleSet.of(CompatRule.NONE), CompatRuleSet.of(CompatRule.API), CompatRuleSet.of(CompatRule.BINARY)),
            Optional.empty(), Optional.empty());

    private static final String[] POSITION_LABELS = {"major", "minor", "patch"};

    public Compat {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a compat needs at least one position");
        }
        parts = List.copyOf(parts);
    }

    /** Parses a compat string such as {@code x.a.b}, {@code x.ab} or {@code x.x.x+b}. */
    public static Compat parse(String text) {
        return SpkSyntax.compat(text);
    }

    /** Checks that {@code candidate} is API compatible with the requested {@code base}. */
    public Compatibility isApiCompatible(Version base, Version candidate) {
        return check(base, candidate, CompatRule.API);
    }

    /** Checks that {@code candidate} is binary compatible with the requested {@code base}. */
    public Compatibility isBinaryCompatible(Version base, Version candidate) {
        return check(base, candidate, CompatRule.BINARY);
    }

    /** Checks {@code candidate} against {@code base} for the {@code required} kind (API or Binary). */
    public Compatibility check(Version base, Version candidate, CompatRule required) {
        if (required == CompatRule.NONE) {
            return Compatibility.COMPATIBLE;
        }
        String kind = required == CompatRule.API ? "API" : "binary";
        if (base.partsEqual(candidate)) {
            return checkTags(base, candidate, required, kind);
        }
        int[] a = base.parts();
        int[] b = candidate.parts();
        for (int i = 0; i < parts.size(); i++) {
            CompatRuleSet rule = parts.get(i);
            if (i >= a.length) {
                // an under-specified base such as 3.10 accepts 3.10.10
                return Compatibility.COMPATIBLE;
            }
            boolean hasB = i < b.length;
            if (rule.contains(CompatRule.NONE) || !rule.contains(required)) {
                if (hasB && a[i] != b[i]) {
                    return Compatibility.incompatible(String.format(
                            "%s is not %s compatible with %s under compat %s: %s part must be %s, not %s",
                            candidate, kind, base, this, label(i),
                            Integer.toUnsignedString(a[i]), Integer.toUnsignedString(b[i])));
                }
                continue;
            }
            if (hasB && Integer.compareUnsigned(b[i], a[i]) < 0) {
                return Compatibility.incompatible(String.format(
                        "%s is not %s compatible with %s under compat %s: %s part %s is lower than %s",
                        candidate, kind, base, this, label(i),
                        Integer.toUnsignedString(b[i]), Integer.toUnsignedString(a[i])));
            }
            return Compatibility.COMPATIBLE;
        }
        return Compatibility.incompatible(String.format(
                "%s is not %s compatible with %s under compat %s: compatibility not specified past %d parts",
                candidate, kind, base, this, parts.size()));
    }

    private Compatibility checkTags(Version base, Version candidate, CompatRule required, String kind) {
        Compatibility p = checkTagRule("pre", pre, base.pre(), candidate.pre(), required, kind, base, candidate);
        return p.isOk() ? checkTagRule("post", post, base.post(), candidate.post(), required, kind, base, candidate)
                : p;
    }

    private Compatibility checkTagRule(String which, Optional<CompatRuleSet> rule, TagSet wanted, TagSet has,
            CompatRule required, String kind, Version base, Version candidate) {
        // with no pre/post rule, differing pre/post releases are compatible
        if (wanted.equals(has) || rule.isEmpty()) {
            return Compatibility.COMPATIBLE;
        }
        if (rule.get().contains(CompatRule.NONE) || !rule.get().contains(required)) {
            return Compatibility.incompatible(String.format(
                    "%s is not %s compatible with %s under compat %s: %s-release differs",
                    candidate, kind, base, this, which));
        }
        return Compatibility.COMPATIBLE;
    }

    private static String label(int i) {
        return i < POSITION_LABELS.length ? POSITION_LABELS[i] : "position " + (i + 1);
    }

    /**
     * The value a pkg option takes in a built package: {@code ~} and as many parts of
     * {@code version} as this compat has positions, zero padded ({@code x.x.x}, 1 → {@code ~1.0.0}).
     */
    public String render(Version version) {
        StringBuilder sb = new StringBuilder("~");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(Integer.toUnsignedString(version.part(i)));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(parts.stream().map(CompatRuleSet::toString).collect(Collectors.joining(".")));
        pre.ifPresent(r -> sb.append('-').append(r));
        post.ifPresent(r -> sb.append('+').append(r));
        return sb.toString();
    }
}
