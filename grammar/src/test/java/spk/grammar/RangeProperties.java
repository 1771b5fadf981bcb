package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.range.VersionFilter;
import spk.grammar.range.VersionRange;
import spk.grammar.version.Version;

/** The range algebra: merging, containment, intersection and simplification are sound. */
class RangeProperties {
    @Provide
    Arbitrary<Version> versions() {
        return Generators.versions();
    }

    @Provide
    Arbitrary<String> ranges() {
        return Generators.rangeTexts();
    }

    @Property
    void rangesParseBackFromTheirText(@ForAll("ranges") String text) {
        VersionRange r = VersionRange.parse(text);
        assertEquals(r, VersionRange.parse(r.toString()));
        VersionFilter f = VersionFilter.parse(text);
        assertEquals(f, VersionFilter.parse(f.toString()));
        assertEquals(Optional.of(f), VersionFilter.tryParse(text), "the quick guard must not refuse a range");
    }

    @Property
    void aVersionIsInTheMergeIffInBoth(@ForAll("ranges") String a, @ForAll("ranges") String b,
            @ForAll("versions") Version v) {
        VersionFilter fa = VersionFilter.parse(a);
        VersionFilter fb = VersionFilter.parse(b);
        Optional<VersionFilter> merged = fa.restrictIfIntersecting(fb);
        merged.ifPresent(m -> assertEquals(fa.contains(v) && fb.contains(v), m.contains(v),
                () -> a + " + " + b + " = " + m + " at " + v));
        VersionFilter forced = fa.restrictAllowingConflicts(fb);
        assertEquals(fa.contains(v) && fb.contains(v), forced.contains(v));
    }

    @Property
    void rangesThatShareAVersionIntersect(@ForAll("ranges") String a, @ForAll("ranges") String b,
            @ForAll("versions") Version v) {
        VersionRange ra = VersionRange.parse(a);
        VersionRange rb = VersionRange.parse(b);
        if (ra.contains(v) && rb.contains(v)) {
            assertTrue(ra.intersects(rb).isOk(), () -> a + " and " + b + " share " + v);
        }
    }

    @Property
    void containmentIsSound(@ForAll("ranges") String a, @ForAll("ranges") String b,
            @ForAll @Size(max = 30) List<@net.jqwik.api.From("versions") Version> probes) {
        VersionRange ra = VersionRange.parse(a);
        VersionRange rb = VersionRange.parse(b);
        if (ra.containsRange(rb).isOk()) {
            for (Version v : probes) {
                if (rb.contains(v)) {
                    assertTrue(ra.contains(v), () -> a + " contains " + b + " but not " + v);
                }
            }
        }
    }

    @Property
    void everyRangeContainsItself(@ForAll("ranges") String a) {
        VersionRange r = VersionRange.parse(a);
        assertTrue(r.containsRange(r).isOk());
    }

    @Property
    void simplifyingKeepsTheSameVersions(@ForAll("ranges") String a, @ForAll("ranges") String b,
            @ForAll("versions") Version v) {
        String text = a + "," + b;
        boolean all = true;
        for (VersionRange rule : SpkSyntax.rangeRules(text)) {
            all &= rule.contains(v);
        }
        assertEquals(all, VersionFilter.parse(text).contains(v), text);
        assertEquals(all, VersionRange.parse(text).contains(v), text);
    }

    @Property
    void hullsHoldEveryAcceptedVersion(@ForAll("ranges") String a, @ForAll("versions") Version v) {
        VersionRange r = VersionRange.parse(a);
        if (r.contains(v)) {
            assertTrue(r.hull().contains(v), () -> r + " accepts " + v + " outside its hull " + r.hull());
        }
        if (r.isExact()) {
            assertEquals(r.contains(v), r.hull().contains(v), () -> r + " is exact but differs at " + v);
        }
    }
}
