package spk.grammar.range;

import java.util.Optional;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.Compatibility;
import spk.grammar.version.Version;

/**
 * A plain version ({@code 1.2.3}) or {@code API:}/{@code Binary:} version in a range: at least
 * {@code base}, and compatible with it under the candidate package's compat.
 */
public record CompatRange(Version base, Optional<CompatRule> required) implements VersionRange {
    public CompatRange {
        if (required.isPresent() && required.get() == CompatRule.NONE) {
            throw new IllegalArgumentException("a compat range requires API or Binary compatibility");
        }
    }

    public static CompatRange plain(Version base) {
        return new CompatRange(base, Optional.empty());
    }

    @Override
    public Compatibility isApplicable(Version version) {
        return version.compareTo(base) < 0
                ? Compatibility.incompatible("version " + version + " is lower than " + base)
                : Compatibility.COMPATIBLE;
    }

    @Override
    public Compatibility isSatisfiedBy(Version version, Compat compat, CompatRule defaultRequired) {
        Compatibility applicable = isApplicable(version);
        if (!applicable.isOk()) {
            return applicable;
        }
        return compat.check(base, version, required.orElse(defaultRequired));
    }

    @Override
    public IntervalSet hull() {
        return IntervalSet.of(Interval.atLeast(Point.at(base), true));
    }

    @Override
    public boolean isExact() {
        return false;
    }

    /** 0 for a plain rule, 1 for API, 2 for Binary: a stricter rule is contained by a looser one. */
    int strictness() {
        return required.map(r -> r == CompatRule.API ? 1 : 2).orElse(0);
    }

    @Override
    public String toString() {
        return required.map(r -> r.requestPrefix() + ":").orElse("") + base;
    }

    @Override
    public String toSerialized() {
        return required.map(r -> r.requestPrefix() + ":").orElse("") + base.toSerialized();
    }
}
