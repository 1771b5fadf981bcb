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
        assertTrue(p.rounds() >= 1 && p.expanded() >= 1, p.toString());
        // the request for maya 2019 rules out 2020, and my-plugin 1.1.0's requirement rules out 2019
        assertEquals("maya", p.topPackages().get(0).what(), p.toString());
        assertTrue(p.topReasons().stream().anyMatch(c -> c.what().contains("2020")), p.toString());
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
