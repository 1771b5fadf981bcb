package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import spk.grammar.option.OptionMap;
import spk.solver.repository.CatalogRepository;
import spk.solver.trace.SolveTrace;

/** What a solve's trace records: SAT calls per phase, expansion rounds, rejection reasons and packages. */
class SolveTraceTest {
    private static final CatalogRepository REPO = Catalogs.repo("local",
            "pkg: maya/2019.0.0/AAAAAAAA", "pkg: maya/2020.0.0/AAAAAAAA",
            "pkg: my-plugin/1.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: maya/2019}]",
            "pkg: my-plugin/1.1.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: maya/2020}]");

    private static SolveTrace.Profile profile(SolveResult r) {
        return r.stats().profile();
    }

    @Test
    void aSolveCountsItsCallsRoundsAndRejections() {
        SolveResult r = Catalogs.solve(Solver.Backend.SAT4J, REPO, OptionMap.EMPTY, "my-plugin", "maya/2019");
        assertInstanceOf(SolveResult.Solved.class, r);
        SolveTrace.Profile p = profile(r);
        int calls = p.calls().stream().mapToInt(SolveTrace.Calls::count).sum();
        assertEquals(r.stats().satCalls(), calls);
        assertTrue(p.calls().stream().anyMatch(c -> c.phase() == SolveTrace.Phase.SEARCH && c.count() > 0), p.toString());
        // the walk before the first SAT call tries my-plugin 1.1.0 (refused: no maya is left for it), then 1.0.0, then maya
        assertTrue(p.walkSteps() >= 3, p.toString());
        // the request for maya 2019 rules out 2020, and my-plugin 1.1.0's requirement rules out 2019
        assertEquals("maya", p.topPackages().get(0).what(), p.toString());
        assertTrue(p.topReasons().stream().anyMatch(c -> c.what().contains("2020")), p.toString());
    }

    /**
     * A chain twelve packages deep whose newest links each need a version of the next that does
     * not exist: the walk before the first SAT call steps past them and expands the chain, so
     * the first model is complete (no round of "solve, expand what it chose" per level) and one
     * more call proves it preferred.
     */
    @Test
    void aDeepChainIsWalkedBeforeTheFirstSatCall() {
        List<String> specs = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String next = "link-" + (i + 1);
            specs.add("pkg: link-" + i + "/1.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: " + next + "/1.0}]");
            specs.add("pkg: link-" + i + "/2.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: " + next + "/9.0}]");
        }
        specs.add("pkg: link-12/1.0.0/AAAAAAAA");
        CatalogRepository chain = Catalogs.repo("local", specs.toArray(new String[0]));
        SolveResult r = Catalogs.solve(Solver.Backend.SAT4J, chain, OptionMap.EMPTY, "link-0");
        SolveResult.Solved s = assertInstanceOf(SolveResult.Solved.class, r);
        assertEquals(13, s.solution().packages().size());
        SolveTrace.Profile p = profile(r);
        assertEquals(0, p.rounds(), p.toString());
        assertEquals(1, p.calls().stream().filter(c -> c.phase() == SolveTrace.Phase.SEARCH)
                .mapToInt(SolveTrace.Calls::count).sum(), p.toString());
        assertTrue(p.walkSteps() >= 25, p.toString());
    }

    /**
     * A platform pins boost only if present, a library needs a newer boost, and thirty packages
     * come between the platform and boost in the order SPK meets them: the walk finds the dead
     * end when it tries each platform build (boost is needed and nothing is left of it), not
     * after deciding the thirty packages again for each combination of platform and library.
     */
    @Test
    void theWalkFindsAPinnedDeadEndWhereItIsMade() {
        List<String> specs = new java.util.ArrayList<>();
        StringBuilder fillers = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            specs.add("pkg: filler-" + i + "/1.0.0/AAAAAAAA");
            fillers.append(", {pkg: filler-").append(i).append("}");
        }
        specs.add("pkg: toolset/1.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: platform/1}" + fillers + "]");
        for (String v : new String[] {"1.0.0", "1.1.0"}) {
            specs.add("pkg: platform/" + v + "/AAAAAAAA\ninstall:\n  requirements: "
                    + "[{pkg: boost/~1.0, include: IfAlreadyPresent}]");
        }
        specs.add("pkg: lib/1.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: boost/2}]");
        specs.add("pkg: lib/1.1.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: boost/2.1}]");
        specs.add("pkg: boost/1.0.0/AAAAAAAA");
        specs.add("pkg: boost/2.1.0/AAAAAAAA");
        CatalogRepository repo = Catalogs.repo("local", specs.toArray(new String[0]));
        SolveResult r = Catalogs.solve(Solver.Backend.SAT4J, repo, OptionMap.EMPTY, "toolset", "lib");
        assertInstanceOf(SolveResult.Unsatisfiable.class, r);
        SolveTrace.Profile p = profile(r);
        assertTrue(p.walkSteps() < 30, p.toString());
    }

    @Test
    void anExplanationsChecksAreCountedApart() {
        SolveResult r = Catalogs.solve(Solver.Backend.SAT4J, REPO, OptionMap.EMPTY, "my-plugin/1.1", "maya/2019");
        assertInstanceOf(SolveResult.Unsatisfiable.class, r);
        List<SolveTrace.Calls> calls = profile(r).calls();
        assertTrue(calls.stream().anyMatch(c -> c.phase() == SolveTrace.Phase.EXPLAIN && c.count() > 0), calls.toString());
    }

    @Test
    void topListsKeepTheMostFrequentFirst() {
        SolveTrace t = new SolveTrace();
        for (int i = 0; i < 7; i++) {
            t.rejected("pkg-" + i, "reason " + (i % 2));
        }
        t.inConflict("pkg-3");
        SolveTrace.Profile p = t.profile();
        assertEquals(List.of(new SolveTrace.Count("reason 0", 4), new SolveTrace.Count("reason 1", 3)), p.topReasons());
        assertEquals(new SolveTrace.Count("pkg-3", 2), p.topPackages().get(0));
        assertEquals(SolveTrace.TOP, p.topPackages().size());
    }
}
