package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spk.constraint.ConstraintModel;
import spk.grammar.option.OptionMap;
import spk.solver.backend.Sat4jBackend;
import spk.solver.backend.SatBackend;
import spk.solver.compile.SolveEncoding;
import spk.solver.search.Search;
import spk.solver.trace.SolveTrace;

/**
 * An unsatisfiable answer that leans on "no version beyond those read" is asked again with those
 * assumptions dropped. A back end whose cores name one of them at a time (as CP-SAT's did on the
 * studio catalog) paid one solve for each, and an explanation's checks meet the same ones over
 * and over: the search remembers which it dropped in vain and drops them at once next time.
 */
class UnreadVersionsTest {
    /** Three packages of three versions each, requested together, with only the newest read. */
    private static SolveEncoding threePackagesNewestRead() {
        List<String> specs = new ArrayList<>();
        for (String p : List.of("liba", "libb", "libc")) {
            for (int v = 1; v <= 3; v++) {
                specs.add("pkg: " + p + "/" + v + ".0.0\n");
            }
        }
        SolveRequest req = new SolveRequest(List.of(Catalogs.repo("local", specs.toArray(new String[0]))),
                Catalogs.requests("liba", "libb", "libc"), OptionMap.EMPTY, false);
        SolveEncoding encoding = new SolveEncoding(req, 1);
        try (Sat4jBackend sat = new Sat4jBackend()) {
            assertTrue(new Search(encoding, sat, new DecisionLog(), false).run() != null);
        }
        return encoding;
    }

    /**
     * Answers every solve unsatisfiable, with a core of one group and the first of {@code unread}
     * still assumed, if any: the conflict holds whatever the unread versions are, but it takes
     * dropping all of them to see it.
     */
    private record OneAtATime(List<Integer> unread, int group) implements SatBackend {
        @Override
        public Outcome solve(ConstraintModel model, int[] assumptions) {
            for (int o : unread) {
                for (int a : assumptions) {
                    if (a == o) {
                        return new Outcome.Unsat(new int[] {o, group});
                    }
                }
            }
            return new Outcome.Unsat(new int[] {group});
        }

        @Override
        public void hint(boolean[] preferTrue) {
        }

        @Override
        public void assertForever(int literal) {
        }

        @Override
        public String name() {
            return "one-at-a-time";
        }

        @Override
        public int solveCount() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static int versionsCalls(SolveEncoding encoding) {
        return encoding.trace().profile().calls().stream().filter(c -> c.phase() == SolveTrace.Phase.VERSIONS)
                .mapToInt(SolveTrace.Calls::count).sum();
    }

    @Test
    void assumptionsDroppedInVainAreDroppedAtOnceNextTime() {
        SolveEncoding encoding = threePackagesNewestRead();
        List<Integer> unread = encoding.unreadVersionAssumptions(encoding.model().openEnds());
        assertTrue(unread.size() >= 3, "each package has an open end over its unread versions: " + unread);
        int group = encoding.model().groups().get(0).id();
        Search search = new Search(encoding, new OneAtATime(unread, group), new DecisionLog(), true);

        int before = versionsCalls(encoding);
        assertNull(search.solveComplete(List.of(), Set.of()));
        int first = versionsCalls(encoding) - before;
        assertEquals(unread.size(), first, "the first time, one solve per open end the cores name");
        assertEquals(List.of(group), box(search.lastCore()), "the core leans on no unread version");

        assertNull(search.solveComplete(List.of(), Set.of()));
        assertEquals(1, versionsCalls(encoding) - before - first, "the second time, one solve");
        assertEquals(List.of(group), box(search.lastCore()));
    }

    private static List<Integer> box(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
