package spk.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spk.debian.Snippets.broken;
import static spk.debian.Snippets.catalog;
import static spk.debian.Snippets.pkg;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import spk.debian.catalog.DebCatalog;
import spk.debian.check.BrokenExplainer;

/**
 * The whole-catalog check on hand-written catalogs whose broken packages are known (each case
 * was also run through dose-distcheck 7, which reports the same packages).
 */
class DistcheckTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void missingAndVersionedDependencies(int threads) {
        DebCatalog c = catalog(
                pkg("app", "1.0", "Depends: lib (>= 2.0), tool | other"),
                pkg("lib", "1.5"),
                pkg("lib2user", "1.0", "Depends: lib (<< 2)"),
                pkg("tool", "1:0.1"),
                pkg("ghost", "1", "Depends: nowhere"),
                pkg("alt", "1", "Pre-Depends: nowhere | tool (>= 1:0)"));
        assertEquals(List.of("app/1.0", "ghost/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void providesVersionedAndNot(int threads) {
        DebCatalog c = catalog(
                pkg("mta-a", "1", "Provides: mail-transport-agent"),
                pkg("wants-any", "1", "Depends: mail-transport-agent"),
                // an unversioned provide does not meet a versioned dependency
                pkg("wants-new", "1", "Depends: mail-transport-agent (>= 2)"),
                pkg("libfoo-shim", "1", "Provides: libfoo (= 3.0)"),
                pkg("wants-foo3", "1", "Depends: libfoo (>= 3)"),
                pkg("wants-foo4", "1", "Depends: libfoo (>= 4)"));
        assertEquals(List.of("wants-foo4/1", "wants-new/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void conflictsAndBreaksAlsoAgainstProvidedNames(int threads) {
        DebCatalog c = catalog(
                pkg("postfix", "1", "Provides: mail-transport-agent", "Conflicts: mail-transport-agent"),
                pkg("exim", "1", "Provides: mail-transport-agent", "Conflicts: mail-transport-agent"),
                // needs both providers at once
                pkg("both", "1", "Depends: postfix, exim"),
                pkg("new-lib", "2", "Breaks: old-user (<< 2)"),
                pkg("old-user", "1", "Depends: new-lib"),
                pkg("fine-user", "2", "Depends: new-lib"));
        assertEquals(List.of("both/1", "old-user/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void everyInstallationHoldsTheEssentialPackages(int threads) {
        DebCatalog c = catalog(
                pkg("bash", "5", "Essential: yes"),
                pkg("bash", "6"),
                pkg("anti-bash", "1", "Conflicts: bash (<< 6)"),
                pkg("needs-bash6", "1", "Depends: bash (>= 6)"));
        // bash 6 is not essential: installing it would remove the essential bash 5
        assertEquals(List.of("anti-bash/1", "bash/6", "needs-bash6/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void multiArchQualifiersOnANativeSystem(int threads) {
        DebCatalog c = catalog(
                pkg("python3", "3.11", "Multi-Arch: allowed"),
                // :any is met by a package of that name whatever its version (dose's reading)
                pkg("script", "1", "Depends: python3:any (>= 3.12)"),
                pkg("virt-any", "1", "Depends: awk:any"),
                pkg("mawk", "1", "Provides: awk"),
                pkg("virt-allowed", "1", "Depends: shell:any"),
                pkg("dash", "1", "Multi-Arch: allowed", "Provides: shell"),
                pkg("foreign-dep", "1", "Depends: vidcontrol:i386"),
                pkg("vidcontrol", "1"));
        assertEquals(List.of("foreign-dep/1", "virt-any/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void multiArchSameSelfConflicts(int threads) {
        DebCatalog c = catalog(
                pkg("libgl-a", "1", "Multi-Arch: same", "Provides: libgl", "Conflicts: libgl"),
                pkg("libgl-b", "1", "Provides: libgl"),
                pkg("both-gl", "1", "Depends: libgl-a, libgl-b"),
                // a versioned conflict on a name no package has is dropped for Multi-Arch: same
                pkg("libx", "1", "Multi-Arch: same", "Conflicts: virtual-only (<< 2)"),
                pkg("virt", "1", "Provides: virtual-only (= 1)"),
                pkg("libx-and-virt", "1", "Depends: libx, virt"));
        assertEquals(List.of("both-gl/1"), broken(c, threads));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void versionsOfOneNameExcludeEachOther(int threads) {
        DebCatalog c = catalog(
                pkg("lib", "1"),
                pkg("lib", "2"),
                pkg("a", "1", "Depends: lib (= 1)"),
                pkg("b", "1", "Depends: lib (= 2)"),
                pkg("ab", "1", "Depends: a, b"),
                pkg("tilde", "1", "Depends: lib (>= 2~rc1)"));
        assertEquals(List.of("ab/1"), broken(c, threads));
    }

    @org.junit.jupiter.api.Test
    void explanationsNameWhatCannotHold() {
        DebCatalog c = catalog(
                pkg("app", "1.0", "Depends: mid"),
                pkg("mid", "1", "Depends: lib (>= 2.0)"),
                pkg("lib", "1.5"),
                pkg("unrelated", "1"));
        int app = c.named("app")[0];
        String story = new BrokenExplainer(c).explain(app).orElseThrow().render();
        assertTrue(story.contains("app/1.0/amd64 depends on mid"), story);
        assertTrue(story.contains("mid/1/amd64 depends on lib (>= 2.0)"), story);
        assertTrue(story.contains("lib/1.5/amd64: version 1.5 is not >= 2.0"), story);
        assertTrue(!story.contains("unrelated"), story);
        assertTrue(new BrokenExplainer(c).explain(c.named("lib")[0]).isEmpty());
    }
}
