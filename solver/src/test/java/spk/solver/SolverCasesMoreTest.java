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

/** More of SPK's representative cases: embedded packages, components, options and var requirements. */
class SolverCasesMoreTest {
    private static SolveResult solve(Solver.Backend b, CatalogRepository repo, String... requests) {
        return Catalogs.solve(b, repo, OptionMap.EMPTY, requests);
    }

    private static SolveResult.Solved solved(SolveResult r) {
        if (r instanceof SolveResult.Unsatisfiable u) {
            throw new AssertionError(u.explanation().render());
        }
        return (SolveResult.Solved) r;
    }

    static final String MAYA_EMBEDS_QT = "pkg: maya/2019.2.0\ninstall:\n  embedded:\n    - pkg: qt/5.12.6\n";

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void resolvingAnEmbedderAddsTheEmbeddedPackage(Solver.Backend b) {
        SolveResult.Solved s = solved(solve(b, Catalogs.repo("local", MAYA_EMBEDS_QT), "maya"));
        assertEquals(2, s.solution().packages().size());
        ResolvedPackage qt = s.solution().packages().get(1);
        assertEquals("qt", qt.spec().pkg().name().value());
        assertInstanceOf(Source.Embedded.class, qt.source());
        assertTrue(qt.spec().pkg().build().isEmbedded());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void anEmbeddedPackageReplacesTheRealOne(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", MAYA_EMBEDS_QT,
                "pkg: qt/5.12.6\ninstall:\n  requirements: [{pkg: qt-dep}]", "pkg: qt-dep/1.0.0",
                "pkg: my-plugin/1.0.0\ninstall:\n  requirements: [{pkg: maya}, {pkg: qt/5.12}]");
        SolveResult.Solved s = solved(solve(b, repo, "qt", "my-plugin"));
        List<String> names = s.solution().packages().stream().map(p -> p.spec().pkg().name().value()).toList();
        assertTrue(!names.contains("qt-dep"), "the real qt and its dependency are not used: " + names);
        assertTrue(s.solution().packages().stream().anyMatch(p -> p.source() instanceof Source.Embedded));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void embeddedVersionConflictsWithARequest(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", MAYA_EMBEDS_QT, "pkg: qt/5.13.0",
                "pkg: my-plugin/1.0.0\ninstall:\n  requirements: [{pkg: maya/2019}, {pkg: qt/5.13}]");
        SolveResult.Unsatisfiable u = assertInstanceOf(SolveResult.Unsatisfiable.class, solve(b, repo, "my-plugin"));
        String story = u.explanation().render();
        assertTrue(story.contains("requires qt/5.13.0") && story.contains("requires maya/2019.0.0"), story);
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void requestingTheEmbeddedNamePullsInItsParent(Solver.Backend b) {
        SolveResult.Solved s = solved(solve(b, Catalogs.repo("local", MAYA_EMBEDS_QT), "qt"));
        assertEquals(List.of("qt", "maya"), s.solution().packages().stream()
                .map(p -> p.spec().pkg().name().value()).toList());
    }

    /** -v's TRY lines say why each better build was passed over, as SPK's do. */
    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void theDecisionLogSaysWhyBetterBuildsWerePassedOver(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: tool/2.0.0\ninstall:\n  requirements: [{pkg: base/3}]",
                "pkg: tool/1.0.0\ninstall:\n  requirements: [{pkg: base/1}]", "pkg: base/1.0.0",
                "pkg: base/2.0.0", "pkg: other/1.0.0\ninstall:\n  requirements: [{pkg: absent}]", "pkg: other/0.9.0");
        SolveResult r = solve(b, repo, "tool", "other");
        List<String> lines = r.log().lines(2);
        assertTrue(lines.contains(". TRY tool/2.0.0/" + Catalogs.digest("pkg: tool/2.0.0\ninstall:\n  requirements: [{pkg: base/3}]")
                + " - requires base/3.0.0, which no version of base satisfies"), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\.+ TRY base/2\\.0\\.0/\\w+ - .*") && l.contains("base/1.0.0")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("TRY other/1.0.0/") && l.endsWith(
                "requires absent, and no repository has absent")), String.join("\n", lines));
        assertEquals(List.of("tool/1.0.0", "other/0.9.0", "base/1.0.0"), Catalogs.versions(r));
    }

    static final String COMPONENTS = """
            pkg: mylib/1.0.0
            install:
              components:
                - name: lib
                  files: [lib/]
                - name: bin
                  uses: [lib]
                  requirements: [{pkg: dep-a}]
                - name: docs
                  requirements: [{pkg: dep-b}]
            """;

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void componentsPullInWhatTheyUseAndRequire(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", COMPONENTS, "pkg: dep-a/1.0.0", "pkg: dep-b/1.0.0");
        SolveResult.Solved s = solved(solve(b, repo, "mylib:bin"));
        assertEquals(List.of("mylib/1.0.0", "dep-a/1.0.0"), Catalogs.versions(s));
        assertEquals("[bin, lib]", s.solution().packages().get(0).components().toString());
        SolveResult.Solved all = solved(solve(b, repo, "mylib:all"));
        assertEquals(3, all.solution().packages().size(), "all brings every component's requirements");
        assertEquals("[build, run, bin, docs, lib]", all.solution().packages().get(0).components().toString());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void varRequirementsDriveTheChoice(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: python/2.7.5/AAAAAAAA\nbuild:\n  options: [{var: abi, static: cp27mu}]",
                "pkg: python/3.7.3/BBBBBBBB\nbuild:\n  options: [{var: abi, static: cp37m}]",
                "pkg: my-app/1.0.0\ninstall:\n  requirements: [{pkg: python}, {var: python.abi/cp27mu}]");
        assertEquals(List.of("my-app/1.0.0", "python/2.7.5"), Catalogs.versions(solve(b, repo, "my-app")));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void unrequestedBuildOptionsDoNotMatter(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: pkga/1.0.0/AAAAAAAA\nbuild:\n  options: [{var: debug, static: 'on'}]",
                "pkg: pkgb/1.0.0/BBBBBBBB\nbuild:\n  options: [{var: debug, static: 'off'}]");
        assertEquals(2, solved(solve(b, repo, "pkga", "pkgb")).solution().packages().size());
        assertInstanceOf(SolveResult.Unsatisfiable.class,
                Catalogs.solve(b, repo, OptionMap.of(Map.of("debug", "on")), "pkga", "pkgb"));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void optionCompatAcceptsCompatibleValues(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: spi-lib/1.0.0/AAAAAAAA\nbuild:\n  options: [{var: spi-platform, static: 2022.4.1.3, compat: x.x.a.b}]");
        assertEquals(1, solved(Catalogs.solve(b, repo, OptionMap.of(Map.of("spi-platform", "2022.4.1.4")), "spi-lib"))
                .solution().packages().size());
        assertInstanceOf(SolveResult.Unsatisfiable.class,
                Catalogs.solve(b, repo, OptionMap.of(Map.of("spi-platform", "2022.5.0.0")), "spi-lib"));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void namespacedOptionsNeedTheOption(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local", "pkg: my-lib/1.0.0");
        assertInstanceOf(SolveResult.Unsatisfiable.class,
                Catalogs.solve(b, repo, OptionMap.of(Map.of("my-lib.something", "value")), "my-lib"));
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void pkgOptionRangesMustIntersectAVarRequest(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: vnp3/1.0.0/AAAAAAAA\nbuild:\n  options: [{pkg: python, static: ~2.7.5}]",
                "pkg: vnp3/1.0.0/BBBBBBBB\nbuild:\n  options: [{pkg: python, static: ~3.7.3}]");
        SolveResult.Solved s = solved(Catalogs.solve(b, repo, OptionMap.of(Map.of("python", "3.7")), "vnp3"));
        assertEquals("BBBBBBBB", s.solution().packages().get(0).spec().pkg().build().toString());
        assertEquals("~3.7.3", s.solution().options().get("vnp3.python").orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void requiredVarsMustBeCarriedByTheRequest(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: dcc/1.0.0/AAAAAAAA\nbuild:\n  options: [{var: flavor, static: studio, required: true}]",
                "pkg: dcc/0.9.0");
        assertEquals(List.of("dcc/0.9.0"), Catalogs.versions(solve(b, repo, "dcc")),
                "a top-level var request is not enough, the build is skipped");
        SolveResult.Solved s = solved(new Solver(b).solve(new SolveRequest(List.of(repo),
                List.of(new InitialRequest(spk.grammar.request.PkgRequest.parse("dcc"), "the command line",
                        OptionMap.of(Map.of("dcc.flavor", "studio")))), OptionMap.EMPTY, false)));
        assertEquals("dcc/1.0.0", s.solution().packages().get(0).spec().pkg().name() + "/"
                + s.solution().packages().get(0).spec().pkg().version());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void equalVersionsInTwoRepositoriesAreOneVersion(Solver.Backend b) {
        CatalogRepository a = Catalogs.repo("local", "pkg: my-pkg/1.0.0/AAAAAAAA\nbuild:\n  options: [{var: xx, static: a}]");
        CatalogRepository c = Catalogs.repo("origin", "pkg: my-pkg/1.0/BBBBBBBB\nbuild:\n  options: [{var: xx, static: b}]");
        SolveResult r = new Solver(b).solve(new SolveRequest(List.of(a, c),
                Catalogs.requests("my-pkg"), OptionMap.of(Map.of("xx", "b")), false));
        ResolvedPackage p = solved(r).solution().packages().get(0);
        assertEquals("BBBBBBBB", p.spec().pkg().build().toString());
        assertEquals("origin", p.source().toString());
    }

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void varRequirementsOfTwoPackagesMustAgree(Solver.Backend b) {
        CatalogRepository repo = Catalogs.repo("local",
                "pkg: a-pkg/1.0.0\ninstall:\n  requirements: [{var: color/red}]",
                "pkg: b-pkg/1.0.0\ninstall:\n  requirements: [{var: color/blue}]");
        SolveResult.Unsatisfiable u = assertInstanceOf(SolveResult.Unsatisfiable.class, solve(b, repo, "a-pkg", "b-pkg"));
        assertTrue(u.explanation().render().contains("requires color/red"), u.explanation().render());
    }
}
