package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static spk.grammar.Generators.rangeTexts;
import static spk.grammar.Generators.versions;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.range.VersionFilter;
import spk.grammar.range.VersionRange;
import spk.grammar.version.Version;

/**
 * The range algebra: merging, containment, intersection and simplification are sound. A failure
 * prints "Seed was N"; {@code -DQT_SEED=N} replays it.
 */
class RangeProperties {
    private static QuickTheory tries() {
        return qt().withExamples(1000);
    }

    @Test
    void rangesParseBackFromTheirText() {
        tries().forAll(rangeTexts()).checkAssert(text -> {
            VersionRange r = VersionRange.parse(text);
            assertEquals(r, VersionRange.parse(r.toString()));
            VersionFilter f = VersionFilter.parse(text);
            assertEquals(f, VersionFilter.parse(f.toString()));
            assertEquals(Optional.of(f), VersionFilter.tryParse(text), "the quick guard must not refuse a range");
        });
    }

    @Test
    void aVersionIsInTheMergeIffInBoth() {
        tries().forAll(rangeTexts(), rangeTexts(), versions()).checkAssert((a, b, v) -> {
            VersionFilter fa = VersionFilter.parse(a);
            VersionFilter fb = VersionFilter.parse(b);
            Optional<VersionFilter> merged = fa.restrictIfIntersecting(fb);
            merged.ifPresent(m -> assertEquals(fa.contains(v) && fb.contains(v), m.contains(v),
                    () -> a + " + " + b + " = " + m + " at " + v));
            VersionFilter forced = fa.restrictAllowingConflicts(fb);
            assertEquals(fa.contains(v) && fb.contains(v), forced.contains(v));
        });
    }

    @Test
    void rangesThatShareAVersionIntersect() {
        tries().forAll(rangeTexts(), rangeTexts(), versions()).checkAssert((a, b, v) -> {
            VersionRange ra = VersionRange.parse(a);
            VersionRange rb = VersionRange.parse(b);
            if (ra.contains(v) && rb.contains(v)) {
                assertTrue(ra.intersects(rb).isOk(), () -> a + " and " + b + " share " + v);
            }
        });
    }

    @Test
    void containmentIsSound() {
        tries().forAll(rangeTexts(), rangeTexts(), lists().of(versions()).ofSizeBetween(0, 30)).checkAssert((a, b, probes) -> {
            VersionRange ra = VersionRange.parse(a);
            VersionRange rb = VersionRange.parse(b);
            if (ra.containsRange(rb).isOk()) {
                for (Version v : probes) {
                    if (rb.contains(v)) {
                        assertTrue(ra.contains(v), () -> a + " contains " + b + " but not " + v);
                    }
                }
            }
        });
    }

    @Test
    void everyRangeContainsItself() {
        tries().forAll(rangeTexts()).checkAssert(a -> {
            VersionRange r = VersionRange.parse(a);
            assertTrue(r.containsRange(r).isOk());
        });
    }

    @Test
    void simplifyingKeepsTheSameVersions() {
        tries().forAll(rangeTexts(), rangeTexts(), versions()).checkAssert((a, b, v) -> {
            String text = a + "," + b;
            boolean all = true;
            for (VersionRange rule : SpkSyntax.rangeRules(text)) {
                all &= rule.contains(v);
            }
            assertEquals(all, VersionFilter.parse(text).contains(v), text);
            assertEquals(all, VersionRange.parse(text).contains(v), text);
        });
    }

    @Test
    void hullsHoldEveryAcceptedVersion() {
        tries().forAll(rangeTexts(), versions()).checkAssert((a, v) -> {
            VersionRange r = VersionRange.parse(a);
            if (r.contains(v)) {
                assertTrue(r.hull().contains(v), () -> r + " accepts " + v + " outside its hull " + r.hull());
            }
            if (r.isExact()) {
                assertEquals(r.contains(v), r.hull().contains(v), () -> r + " is exact but differs at " + v);
            }
        });
    }
}
