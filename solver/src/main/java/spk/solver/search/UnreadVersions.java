package spk.solver.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import spk.solver.backend.SatBackend;
import spk.solver.compile.SolveEncoding;
import spk.solver.trace.SolveTrace;

/**
 * Decides whether an unsatisfiable answer, given under the assumptions "no candidate beyond the
 * versions read", also holds whatever the unread versions are, or which packages need more
 * versions read. One per {@link Search}: it remembers which assumptions earlier answers relaxed
 * to no avail.
 */
final class UnreadVersions {
    private static final boolean DEBUG = System.getenv("SPK_DEBUG_SOLVE") != null;

    private final SolveEncoding encoding;
    private final SatBackend backend;

    /**
     * Unread-version assumptions that an earlier answer relaxed and was unsatisfiable all the
     * same. An explanation's checks keep meeting the same ones, and a back end whose cores name
     * one of them at a time (CP-SAT) paid a solve for each, every check.
     */
    private final Set<Integer> relaxedInVain = new LinkedHashSet<>();

    UnreadVersions(SolveEncoding encoding, SatBackend backend) {
        this.encoding = encoding;
        this.backend = backend;
    }

    /**
     * After an unsatisfiable answer: asks again with the assumptions "no candidate beyond the
     * versions read" that the answer leans on dropped (an over-approximation of reading every
     * version), as often as new such assumptions turn up. When even that is unsatisfiable, the
     * answer holds whatever the unread versions are: returns the core of that last answer, which
     * leans on no unread version (the first core may, and is no bound on the real problem).
     * Otherwise the packages whose unread versions that relaxed solution relies on get more
     * versions read, and null is returned.
     */
    int[] coreWhateverTheUnreadVersions(int[] assumptions, int[] core) {
        List<Integer> unread = encoding.unreadVersionAssumptions(core);
        if (unread.isEmpty()) {
            return core;
        }
        Set<Integer> guess = new LinkedHashSet<>(unread);
        for (int a : assumptions) {
            if (relaxedInVain.contains(a)) {
                guess.add(a);
            }
        }
        if (guess.size() > unread.size()) {
            // Relaxing more first is only a guess: an unsatisfiable answer then leans on none of
            // the unread versions, so the one-at-a-time loop below would have ended
            // unsatisfiable too, reading nothing. A satisfiable one proves nothing about what
            // that loop would read, so the loop runs as if no guess had been made.
            int[] sure = relax(assumptions, core, guess, false);
            if (sure != null) {
                return sure;
            }
        }
        return relax(assumptions, core, new LinkedHashSet<>(unread), true);
    }

    /**
     * Drops {@code dropped}, and the unread-version assumptions each answer leans on, until an
     * answer leans on none: returns its core. On a satisfiable answer, reads more versions if
     * {@code readOnSat} and returns null.
     */
    private int[] relax(int[] assumptions, int[] core, Set<Integer> dropped, boolean readOnSat) {
        int[] current = core;
        while (true) {
            Set<Integer> drop = dropped;
            int[] relaxed = Arrays.stream(assumptions).filter(l -> !drop.contains(l)).toArray();
            SatBackend.Outcome again = solve(relaxed);
            if (again instanceof SatBackend.Outcome.Sat s) {
                if (readOnSat) {
                    if (DEBUG) {
                        System.err.println("  reading more versions behind " + dropped.size() + " open ends");
                    }
                    encoding.readMoreVersions(new ArrayList<>(dropped), s.model());
                }
                return null;
            }
            current = ((SatBackend.Outcome.Unsat) again).core();
            List<Integer> unread = encoding.unreadVersionAssumptions(current);
            if (!dropped.addAll(unread)) {
                relaxedInVain.addAll(dropped);
                return current;
            }
        }
    }

    private SatBackend.Outcome solve(int[] assumptions) {
        SolveTrace trace = encoding.trace();
        SolveTrace.Phase was = trace.phase();
        trace.phase(SolveTrace.Phase.VERSIONS);
        long t = System.nanoTime();
        SatBackend.Outcome o = backend.solve(encoding.model(), assumptions);
        trace.satCall(System.nanoTime() - t);
        trace.phase(was);
        return o;
    }
}
