package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spk.grammar.ident.Component;
import spk.grammar.range.RangeConflictException;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;

class RequestsTest {
    @Test
    void mergingTwoRequestsIntersectsRangesAndUnionsComponents() {
        PkgRequest a = PkgRequest.parse("python:lib/>=3.7");
        PkgRequest b = PkgRequest.parse("python:bin/<3.10");
        PkgRequest.Merge m = a.restrict(b);
        assertTrue(m.isOk());
        assertEquals("python:{bin,lib}/<3.10.0,>=3.7.0", m.request().toString());
        assertEquals(List.of(Component.parse("bin"), Component.parse("lib")), List.copyOf(m.request().pkg().components()));
    }

    @Test
    void disjointRangesDoNotMergeUnlessBothOnlyApplyIfPresent() {
        PkgRequest a = PkgRequest.parse("pkg/=1.0");
        PkgRequest b = PkgRequest.parse("pkg/=2.0");
        assertFalse(a.restrict(b).isOk());
        assertTrue(a.restrict(b).outcome().toString().contains("do not intersect"));
        PkgRequest ia = a.withInclusionPolicy(InclusionPolicy.IF_ALREADY_PRESENT);
        PkgRequest ib = b.withInclusionPolicy(InclusionPolicy.IF_ALREADY_PRESENT);
        PkgRequest.Merge forced = ia.restrict(ib);
        assertTrue(forced.isOk());
        assertFalse(forced.request().pkg().version().contains(Version.parse("1.0")));
        assertFalse(forced.request().pkg().version().contains(Version.parse("2.0")));
        assertFalse(ia.restrict(b).isOk(), "Always wins, so the ranges must intersect");
    }

    @Test
    void policiesMergeToTheStricterAndTheStronger() {
        PkgRequest include = PkgRequest.parse("pkg").withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL);
        PkgRequest exclude = PkgRequest.parse("pkg").withPrereleasePolicy(PreReleasePolicy.EXCLUDE_ALL);
        PkgRequest unset = PkgRequest.parse("pkg");
        assertEquals(PreReleasePolicy.EXCLUDE_ALL, include.restrict(exclude).request().prereleasePolicy().orElseThrow());
        assertEquals(PreReleasePolicy.INCLUDE_ALL, include.restrict(unset).request().prereleasePolicy().orElseThrow());
        PkgRequest ifPresent = unset.withInclusionPolicy(InclusionPolicy.IF_ALREADY_PRESENT);
        assertEquals(InclusionPolicy.ALWAYS, ifPresent.restrict(unset).request().inclusionPolicy());
    }

    @Test
    void buildsAndRepositoriesMustAgree() {
        assertFalse(PkgRequest.parse("pkg/1.0/src").restrict(PkgRequest.parse("pkg/1.0/ABCDEFGH")).isOk());
        assertTrue(PkgRequest.parse("pkg/1.0").restrict(PkgRequest.parse("pkg/1.0/ABCDEFGH")).isOk());
        assertFalse(PkgRequest.parse("origin/pkg/1").restrict(PkgRequest.parse("local/pkg/1")).isOk());
    }

    @Test
    void prereleasesAreExcludedUnlessAllowed() {
        PkgRequest r = PkgRequest.parse("pkg/>=1.0");
        assertFalse(r.isVersionApplicable(Version.parse("2.0.0-rc.1")).isOk());
        assertTrue(r.withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL).isVersionApplicable(Version.parse("2.0.0-rc.1")).isOk());
    }

    @Test
    void compatRulesOfTwoRequestsAreNotMergedAway() {
        VersionFilter maya = VersionFilter.parse("2019").restrict(VersionFilter.parse("2020"));
        assertEquals("2019.0.0,2020.0.0", maya.toString());
        assertThrows(RangeConflictException.class, () -> VersionFilter.parse("<1").restrict(VersionFilter.parse(">2")));
    }

    @Test
    void varRequestsSplitAtTheFirstSlash() {
        VarRequest v = VarRequest.parse("python.abi/cp37m");
        assertEquals("python.abi", v.var().value());
        assertEquals("cp37m", v.value());
        assertEquals("", VarRequest.parse("debug/").value());
        assertEquals("a/b", VarRequest.parse("path/a/b").value());
    }
}
