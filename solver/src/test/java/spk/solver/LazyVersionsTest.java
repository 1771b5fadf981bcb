package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import spk.grammar.option.OptionMap;
import spk.solver.repository.CatalogRepository;

/**
 * The solver reads a package's newest versions first and older ones only when needed; these
 * cases need versions that neither the first read nor the requests' ranges reveal.
 */
class LazyVersionsTest {
    /** Versions 1.0.0 to 6.0.0 of {@code lib}; only 1.0.0 is built for abi cp37. */
    private static CatalogRepository sixVersions(String... more) {
        List<String> specs = new ArrayList<>();
        for (int v = 1; v <= 6; v++) {
            String abi = v == 1 ? "cp37" : "cp39";
            specs.add("pkg: lib/" + v + ".0.0\nbuild:\n  options:\n    - {var: abi, static: " + abi + "}\n");
        }
        specs.addAll(List.of(more));
        return Catalogs.repo("local", specs.toArray(new String[0]));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void anOptionCanNeedTheOldestVersion(Solver.Backend b) {
        assertEquals(List.of("lib/1.0.0"),
                Catalogs.versions(Catalogs.solve(b, sixVersions(), OptionMap.EMPTY, "lib", "var:lib.abi/cp37")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void aLaterRequirementCanNeedTheOldestVersion(Solver.Backend b) {
        CatalogRepository repo = sixVersions("pkg: app/1.0.0\ninstall:\n  requirements: [{pkg: lib}, {var: lib.abi/cp37}]");
        assertEquals(List.of("app/1.0.0", "lib/1.0.0"),
                Catalogs.versions(Catalogs.solve(b, repo, OptionMap.EMPTY, "app")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void noVersionAtAllIsStillUnsatisfiable(Solver.Backend b) {
        SolveResult r = Catalogs.solve(b, sixVersions(), OptionMap.EMPTY, "lib", "var:lib.abi/cp11");
        String story = assertInstanceOf(SolveResult.Unsatisfiable.class, r).explanation().render();
        assertTrue(story.contains("lib.abi"), story);
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void anUnreadRealBuildIsPreferredToAnEmbeddedCopy(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", SolverCasesMoreTest.MAYA_EMBEDS_QT,
                "pkg: qt/9.0.0\ndeprecated: true\n", "pkg: qt/8.0.0\ndeprecated: true\n", "pkg: qt/7.0.0\n");
        assertEquals(List.of("qt/7.0.0"), Catalogs.versions(Catalogs.solve(b, repo, OptionMap.EMPTY, "qt")));
    }
}
