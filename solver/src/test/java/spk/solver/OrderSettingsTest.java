package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import spk.grammar.option.OptionMap;
import spk.solver.repository.CatalogRepository;

/** SPK's solver.request_priority_order and solver.build_key_name_order settings. */
class OrderSettingsTest {
    private static SolveResult solve(Solver.Backend b, OrderSettings order, CatalogRepository repo, String... requests) {
        return new Solver(b, 5, order).solve(new SolveRequest(List.of(repo), Catalogs.requests(requests), OptionMap.EMPTY,
                false));
    }

    /** aa/2 and bb/2 need different versions of cc: whichever is decided first gets its newest version. */
    static final CatalogRepository RIVALS = Catalogs.repo("local",
            "pkg: aa/2.0.0\ninstall:\n  requirements: [{pkg: cc/=1.0.0}]", "pkg: aa/1.0.0",
            "pkg: bb/2.0.0\ninstall:\n  requirements: [{pkg: cc/=2.0.0}]", "pkg: bb/1.0.0",
            "pkg: cc/1.0.0", "pkg: cc/2.0.0");

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void requestsMatchingThePriorityPatternsAreDecidedFirst(Solver.Backend b) {
        assertEquals(List.of("aa/2.0.0", "bb/1.0.0", "cc/1.0.0"), Catalogs.versions(solve(b, OrderSettings.DEFAULT, RIVALS, "aa", "bb")),
                "in request order by default");
        OrderSettings bFirst = new OrderSettings(NameOrder.parse("x*, bb*", "request_priority_order"), NameOrder.NONE);
        assertEquals(List.of("bb/2.0.0", "aa/1.0.0", "cc/2.0.0"), Catalogs.versions(solve(b, bFirst, RIVALS, "aa", "bb")));
    }

    @Test
    void aPromotedDependencyIsDecidedBeforeLaterRequests() {
        // dd needs cc; with cc promoted, cc is decided as soon as dd is, before bb, and takes its newest version
        CatalogRepository repo = Catalogs.repo("local", "pkg: dd/1.0.0\ninstall:\n  requirements: [{pkg: cc}]",
                "pkg: bb/2.0.0\ninstall:\n  requirements: [{pkg: cc/=1.0.0}]", "pkg: bb/1.0.0", "pkg: cc/1.0.0", "pkg: cc/2.0.0");
        assertEquals(List.of("dd/1.0.0", "bb/2.0.0", "cc/1.0.0"), Catalogs.versions(solve(Solver.Backend.SAT4J,
                OrderSettings.DEFAULT, repo, "dd", "bb")));
        OrderSettings cFirst = new OrderSettings(NameOrder.parse("cc", "request_priority_order"), NameOrder.NONE);
        assertEquals(List.of("dd/1.0.0", "cc/2.0.0", "bb/1.0.0"), Catalogs.versions(solve(Solver.Backend.SAT4J, cFirst, repo,
                "dd", "bb")));
    }

    /** Two builds of one version whose options disagree: the first differing option name decides. */
    static final CatalogRepository TWO_BUILDS = Catalogs.repo("local",
            "pkg: lib/1.0.0/BBBBBBBB\nbuild:\n  options:\n    - {var: alpha, static: '1'}\n    - {var: zeta, static: '2'}\n",
            "pkg: lib/1.0.0/AAAAAAAA\nbuild:\n  options:\n    - {var: alpha, static: '2'}\n    - {var: zeta, static: '1'}\n");

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void buildKeyNamesPromotedFirstDecideTheBuild(Solver.Backend b) {
        assertEquals("lib/1.0.0/AAAAAAAA", chosen(solve(b, OrderSettings.DEFAULT, TWO_BUILDS, "lib")),
                "alphabetical: alpha decides, its higher value first");
        OrderSettings zetaFirst = new OrderSettings(NameOrder.NONE, NameOrder.parse("ze*", "build_key_name_order"));
        assertEquals("lib/1.0.0/BBBBBBBB", chosen(solve(b, zetaFirst, TWO_BUILDS, "lib")));
    }

    /**
     * Among builds of one version: a value that reads as a version ranks by it (11 above 9, which
     * as text would rank below), a build lacking the option last, equal values by digest (reverse).
     */
    static final CatalogRepository GCC_BUILDS = Catalogs.repo("local",
            "pkg: lib/1.0.0/AAAAAAAA\nbuild:\n  options:\n    - {var: gcc, static: '9'}\n    - {var: os, static: linux}\n",
            "pkg: lib/1.0.0/BBBBBBBB\nbuild:\n  options:\n    - {var: gcc, static: '11'}\n    - {var: os, static: linux}\n",
            "pkg: lib/1.0.0/CCCCCCCC\nbuild:\n  options:\n    - {var: os, static: linux}\n",
            "pkg: lib/1.0.0/DDDDDDDD\nbuild:\n  options:\n    - {var: gcc, static: '11'}\n    - {var: os, static: linux}\n",
            "pkg: solo/1.0.0/EEEEEEEE\nbuild:\n  options:\n    - {var: gcc, static: '9'}\n");

    @ParameterizedTest
    @EnumSource(Solver.Backend.class)
    void buildsOfOneVersionRankByTheirDifferingValues(Solver.Backend b) {
        assertEquals("lib/1.0.0/DDDDDDDD", chosen(solve(b, OrderSettings.DEFAULT, GCC_BUILDS, "lib")));
        assertEquals("lib/1.0.0/AAAAAAAA", chosen(solve(b, OrderSettings.DEFAULT, GCC_BUILDS, "lib/1.0.0/AAAAAAAA")));
        assertEquals("solo/1.0.0/EEEEEEEE", chosen(solve(b, OrderSettings.DEFAULT, GCC_BUILDS, "solo")), "a lone build");
    }

    private static String chosen(SolveResult r) {
        return ((SolveResult.Solved) r).solution().packages().get(0).spec().pkg().toString();
    }

    @Test
    void patternsRankNamesAndBadGlobsAreBadInput() {
        NameOrder o = NameOrder.parse(" gcc , python*,,", "request_priority_order");
        assertEquals(List.of("gcc", "python*"), o.patterns());
        assertEquals(0, o.rank("gcc"));
        assertEquals(1, o.rank("python-abi"));
        assertEquals(2, o.rank("zlib"));
        assertEquals(0, NameOrder.parse("", "x").rank("anything"));
        NameOrder.InvalidPattern e = assertThrows(NameOrder.InvalidPattern.class,
                () -> NameOrder.parse("py[thon", "solver.request_priority_order"));
        assertEquals(2, e.kind().exitCode());
        assertEquals(true, e.getMessage().startsWith("invalid pattern 'py[thon' in solver.request_priority_order"),
                e.getMessage());
    }
}
