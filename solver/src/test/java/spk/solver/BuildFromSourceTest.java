package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import spk.grammar.option.OptionMap;
import spk.solver.repository.CatalogRepository;

/** Building from source (SPK's test_solver_build_from_source and its loop case, in crates/spk-solve/src/solvers/solver_test.rs). */
class BuildFromSourceTest {
    private static final String RECIPE = "pkg: my-tool/1.2.0\nbuild:\n  options:\n    - var: debug/off\n";
    private static final String DEBUG_OFF_BUILD = "pkg: my-tool/1.2.0\nbuild:\n  options:\n    - {var: debug, static: off}\n";

    private static SolveResult solve(Solver.Backend b, CatalogRepository repo, boolean allowBuilds, String... requests) {
        return new Solver(b).solve(new SolveRequest(List.of(repo), Catalogs.requests(requests),
                OptionMap.of(java.util.Map.of("debug", "on")), allowBuilds));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void aSourceBuildIsChosenWhenNoBinaryFitsAndBuildsAreAllowed(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repoWithRecipes("local", List.of(DEBUG_OFF_BUILD), List.of(RECIPE));
        SolveResult.Solved s = assertInstanceOf(SolveResult.Solved.class, solve(b, repo, true, "my-tool"));
        ResolvedPackage p = s.solution().packages().get(0);
        assertInstanceOf(Source.BuildFromSource.class, p.source());
        assertEquals("on", p.spec().options().stream().filter(o -> o.fullName().value().equals("debug"))
                .findFirst().orElseThrow().staticValue().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void binaryOnlyCannotBuild(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repoWithRecipes("local", List.of(DEBUG_OFF_BUILD), List.of(RECIPE));
        assertInstanceOf(SolveResult.Unsatisfiable.class, solve(b, repo, false, "my-tool"));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void anExistingBuildIsPreferredToBuilding(Solver.Backend b) {
        String debugOn = "pkg: my-tool/1.2.0\nbuild:\n  options:\n    - {var: debug, static: on}\n";
        CatalogRepository repo = Catalogs.repoWithRecipes("local", List.of(debugOn), List.of(RECIPE));
        SolveResult.Solved s = assertInstanceOf(SolveResult.Solved.class, solve(b, repo, true, "my-tool"));
        assertInstanceOf(Source.Repository.class, s.solution().packages().get(0).source());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void theBuildEnvironmentIsResolved(Solver.Backend b) {
        String recipe = "pkg: my-tool/1.2.0\nbuild:\n  options:\n    - var: debug/off\n    - pkg: compiler/2\n"
                + "install:\n  requirements:\n    - pkg: compiler\n      fromBuildEnv: x.x\n";
        CatalogRepository repo = Catalogs.repoWithRecipes("local", List.of(DEBUG_OFF_BUILD, "pkg: compiler/2.5.1",
                "pkg: compiler/3.0.0"), List.of(recipe));
        SolveResult.Solved s = assertInstanceOf(SolveResult.Solved.class, solve(b, repo, true, "my-tool"));
        // the built package pins the compiler its build environment had
        assertEquals(List.of("my-tool/1.2.0", "compiler/2.5.1"), Catalogs.versions(s));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void aBuildThatNeedsItselfIsALoop(Solver.Backend b) {
        String needsNewer = "pkg: my-tool/1.2.0\nbuild:\n  options:\n    - var: debug/off\n    - pkg: my-tool/99.99.99\n";
        String needsOlder = "pkg: my-tool/99.99.99\nbuild:\n  options:\n    - var: debug/off\n    - pkg: my-tool/1.2.0\n";
        CatalogRepository repo = Catalogs.repoWithRecipes("local", List.of(DEBUG_OFF_BUILD),
                List.of(needsNewer, needsOlder));
        SolveResult r = solve(b, repo, true, "my-tool/1.2.0");
        String story = assertInstanceOf(SolveResult.Unsatisfiable.class, r).explanation().render();
        assertTrue(story.contains("build environment"), story);
    }
}
