package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import spk.grammar.option.OptionMap;
import spk.solver.repository.CatalogRepository;

/** SPK's representative solver cases (its crates/spk-solve/src/solvers/solver_test.rs), on both back ends. */
class SolverCasesTest {
    private static SolveResult solve(Solver.Backend b, CatalogRepository repo, String... requests) {
        return Catalogs.solve(b, repo, OptionMap.EMPTY, requests);
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void noRequestsSolveToNothing(Solver.Backend b) {
        assertEquals(List.of(), Catalogs.versions(solve(b, Catalogs.repo("local"))));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void singlePackageSimpleDeps(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: pkg-a/0.9.0", "pkg: pkg-a/1.0.0", "pkg: pkg-a/1.2.0", "pkg: pkg-a/1.2.1", "pkg: pkg-a/2.0.0",
                "pkg: pkg-b/1.0.0\ninstall:\n  requirements: [{pkg: pkg-a/2.0}]",
                "pkg: pkg-b/1.1.0\ninstall:\n  requirements: [{pkg: pkg-a/1.2}]");
        assertEquals(List.of("pkg-b/1.1.0", "pkg-a/1.2.1"), Catalogs.versions(solve(b, repo, "pkg-b/1.1")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void dependencyAbiCompat(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: pkg-b/1.0.0\ninstall:\n  requirements: [{pkg: pkg-a/1.1.0}]",
                "pkg: pkg-a/2.1.1", "pkg: pkg-a/1.2.1", "pkg: pkg-a/1.1.1", "pkg: pkg-a/1.1.0", "pkg: pkg-a/1.0.0");
        assertEquals(List.of("pkg-b/1.0.0", "pkg-a/1.1.1"), Catalogs.versions(solve(b, repo, "pkg-b")));
    }

    static final String[] MAYA = {
        "pkg: maya/2019.0.0", "pkg: maya/2020.0.0",
        "pkg: my-plugin/1.0.0\ninstall:\n  requirements: [{pkg: maya/2019}]",
        "pkg: my-plugin/1.1.0\ninstall:\n  requirements: [{pkg: maya/2020}]",
    };

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void incompatibleDependencyFails(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: maya/2019.0.0", "pkg: maya/2020.0.0",
                "pkg: my-plugin/1.0.0\ninstall:\n  requirements: [{pkg: maya/2020}]");
        SolveResult r = solve(b, repo, "my-plugin/1", "maya/2019");
        SolveResult.Unsatisfiable u = assertInstanceOf(SolveResult.Unsatisfiable.class, r);
        String story = u.explanation().render();
        assertTrue(story.contains("the command line requests maya/2019.0.0"), story);
        assertTrue(story.contains("requires maya/2020.0.0"), story);
        assertTrue(story.contains("the command line requests my-plugin/1.0.0"), story);
        assertEquals(3, u.explanation().conflict().size(), story);
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void stepsBackToAnOlderPlugin(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", MAYA);
        assertEquals(List.of("my-plugin/1.0.0", "maya/2019.0.0"),
                Catalogs.versions(solve(b, repo, "my-plugin/1", "maya/2019")));
        assertEquals(List.of("my-plugin/1.1.0", "maya/2020.0.0"), Catalogs.versions(solve(b, repo, "my-plugin/1")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void alreadySatisfiedRequestKeepsTheResolvedVersion(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: dep-1/1.0.0", "pkg: dep-1/1.1.0",
                "pkg: dep-2/1.0.0\ninstall:\n  requirements: [{pkg: dep-1/1}]");
        assertEquals(List.of("dep-1/1.0.0", "dep-2/1.0.0"), Catalogs.versions(solve(b, repo, "dep-1/~1.0.0", "dep-2")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void reopensToSatisfyALaterRequest(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: maya/2019.2.0", "pkg: maya/2019.0.0",
                "pkg: my-plugin/1.0.0\ninstall:\n  requirements: [{pkg: maya/~2019.0.0}]");
        assertEquals(List.of("maya/2019.0.0", "my-plugin/1.0.0"),
                Catalogs.versions(solve(b, repo, "maya/2019", "my-plugin")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void reopenUnsolvable(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: dep-1/1.1.0", "pkg: dep-1/1.0.0",
                "pkg: dep-2/1.0.0\ninstall:\n  requirements: [{pkg: dep-1/~1.0.0}]");
        assertInstanceOf(SolveResult.Unsatisfiable.class, solve(b, repo, "dep-1/1.1", "dep-2"));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void preReleasesOnlyWhenAllowed(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: my-pkg/0.9.0", "pkg: my-pkg/1.0.0-pre.0",
                "pkg: my-pkg/1.0.0-pre.1", "pkg: my-pkg/1.0.0-pre.2");
        assertEquals(List.of("my-pkg/0.9.0"), Catalogs.versions(solve(b, repo, "my-pkg")));
        assertEquals(List.of("my-pkg/1.0.0-pre.2"),
                Catalogs.versions(solve(b, repo, "{pkg: my-pkg, prereleasePolicy: IncludeAll}")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void aConstraintAloneAddsNothing(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: python/3.7.3", "pkg: python/3.8.1");
        assertEquals(List.of(), Catalogs.versions(solve(b, repo, "{pkg: python/3, include: IfAlreadyPresent}")));
        assertEquals(List.of("python/3.7.3"), Catalogs.versions(
                solve(b, repo, "{pkg: python/=3.7.3, include: IfAlreadyPresent}", "python/3.7")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void unknownPackagesAreExplained(Solver.Backend b) {
        SolveResult.Unsatisfiable u = assertInstanceOf(SolveResult.Unsatisfiable.class,
                solve(b, Catalogs.repo("local", "pkg: other/1.0.0"), "missing-pkg/1"));
        assertTrue(u.explanation().render().contains("no builds of 'missing-pkg' in any repository"),
                u.explanation().render());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void deprecatedBuildsOnlyWhenNamedExactly(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: my-pkg/1.0.0/AAAAAAAA\ndeprecated: true",
                "pkg: my-pkg/0.9.0");
        assertEquals(List.of("my-pkg/0.9.0"), Catalogs.versions(solve(b, repo, "my-pkg")));
        assertEquals(List.of("my-pkg/1.0.0"), Catalogs.versions(solve(b, repo, "my-pkg/1.0.0/AAAAAAAA")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void optionValuesSelectBuilds(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: vnp3/2.0.0/AAAAAAAA\nbuild:\n  options: [{var: debug, static: 'on'}]",
                "pkg: vnp3/2.0.0/BBBBBBBB\nbuild:\n  options: [{var: debug, static: 'off'}]");
        SolveResult on = Catalogs.solve(b, repo, OptionMap.of(Map.of("debug", "on")), "vnp3");
        assertEquals("AAAAAAAA", ((SolveResult.Solved) on).solution().packages().get(0).spec().pkg().build().toString());
        SolveResult off = Catalogs.solve(b, repo, OptionMap.of(Map.of("debug", "off")), "vnp3");
        assertEquals("BBBBBBBB", ((SolveResult.Solved) off).solution().packages().get(0).spec().pkg().build().toString());
    }
}
