package spk.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static spk.debian.Snippets.catalog;
import static spk.debian.Snippets.pkg;

import java.util.List;
import org.junit.jupiter.api.Test;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.install.InstallSolve;
import spk.debian.install.SolutionChecker;

/** Install solves on an empty system, and the independent checker of their solutions. */
class InstallSolveTest {
    /** Two releases merged: most names in two versions. */
    private static final DebCatalog MERGED = catalog(
            pkg("app", "1"),
            pkg("app", "2", "Depends: lib (>= 2)"),
            pkg("lib", "1"),
            pkg("lib", "2", "Depends: base"),
            pkg("base", "1"),
            pkg("base", "2", "Conflicts: lib (>= 2)"),
            pkg("tool", "1", "Depends: lib (<< 2)"),
            pkg("gone", "1", "Depends: nowhere"));

    private static List<String> solution(InstallSolve.Result r) {
        return r.solution().stream().map(p -> p.name() + "/" + p.version()).sorted().toList();
    }

    @Test
    void theNewestVersionsWinWhereverTheyCan() {
        InstallSolve s = new InstallSolve(MERGED);
        // base/2 would break lib/2, so base/1 is the newest that can hold with app/2
        assertEquals(List.of("app/2", "base/1", "lib/2"), solution(s.solve("app", false)));
        assertEquals(List.of("lib/1", "tool/1"), solution(s.solve("tool", false)));
        assertEquals(List.of("app/1"), solution(s.solve("app=1", false)));
        assertEquals(List.of("base/2"), solution(s.solve("base", false)));
    }

    @Test
    void aRequestThatCannotBeMetIsExplained() {
        InstallSolve.Result r = new InstallSolve(MERGED).solve("gone", true);
        assertFalse(r.installable());
        String story = r.explanation().orElseThrow().render();
        assertTrue(story.contains("gone/1/amd64 depends on nowhere"), story);
        assertTrue(story.contains("no package is named 'nowhere' and none provides it"), story);
        assertThrows(InstallSolve.UnknownPackage.class, () -> new InstallSolve(MERGED).solve("nothing", false));
    }

    @Test
    void theCheckerFindsWhatIsWrongWithAnInstallation() {
        SolutionChecker checker = new SolutionChecker(MERGED);
        int app2 = id("app", "2");
        int lib2 = id("lib", "2");
        int base1 = id("base", "1");
        int base2 = id("base", "2");
        assertEquals(List.of(), checker.violations(List.of(app2), List.of(app2, lib2, base1)));
        assertTrue(checker.violations(List.of(app2), List.of(app2, lib2)).get(0)
                .contains("depends on base, which nothing installed satisfies"));
        assertTrue(checker.violations(List.of(app2), List.of(app2, lib2, base2)).stream()
                .anyMatch(v -> v.contains("conflicts with lib (>= 2)")));
        assertTrue(checker.violations(List.of(app2), List.of(app2, lib2, base1, base2)).stream()
                .anyMatch(v -> v.startsWith("two versions of base")));
        assertTrue(checker.violations(List.of(app2), List.of(lib2, base1)).contains("none of the requested packages is installed"));
    }

    private static int id(String name, String version) {
        for (int id : MERGED.named(name)) {
            DebPackage p = MERGED.get(id);
            if (p.version().text().equals(version)) {
                return id;
            }
        }
        throw new IllegalArgumentException(name + "/" + version);
    }
}
