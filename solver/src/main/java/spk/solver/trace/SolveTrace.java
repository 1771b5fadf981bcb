package spk.solver.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one solve spends its time and what it runs into: each SAT call (its phase, duration and
 * answer), the expansion rounds, the reasons builds were rejected and the packages named in
 * rejections and unsatisfiable answers. One per solve, filled as it goes; read through
 * {@link #profile()}, which {@code spk explain --time} prints.
 */
public final class SolveTrace {
    /** Why a SAT call was made. */
    public enum Phase {
        /** Finding a first complete model (grown by expansion rounds). */
        SEARCH,
        /** Asking for a preferred solution than the current model. */
        IMPROVE,
        /** Re-asking with unread versions' open ends relaxed. */
        VERSIONS,
        /** Consistency checks of the explanation. */
        EXPLAIN
    }

    private final Map<Phase, long[]> calls = new EnumMap<>(Phase.class);
    private final Map<String, Integer> reasons = new HashMap<>();
    private final Map<String, Integer> packages = new HashMap<>();
    private int rounds;
    private int expanded;
    private int walkSteps;
    private long walkNanos;
    private Phase phase = Phase.SEARCH;

    /** Calls made from now on belong to {@code p}. */
    public void phase(Phase p) {
        phase = p;
    }

    public Phase phase() {
        return phase;
    }

    /** One SAT call of the current phase took {@code nanos}. */
    public void satCall(long nanos) {
        long[] c = calls.computeIfAbsent(phase, k -> new long[2]);
        c[0]++;
        c[1] += nanos;
    }

    /** One expansion round encoded the requirements of {@code candidates} chosen candidates. */
    public void expansionRound(int candidates) {
        rounds++;
        expanded += candidates;
    }

    /** The walk before the first SAT call tried {@code steps} candidates in {@code nanos}. */
    public void walk(int steps, long nanos) {
        walkSteps += steps;
        walkNanos += nanos;
    }

    /** A build of {@code pkg} was rejected for {@code reason}. */
    public void rejected(String pkg, String reason) {
        reasons.merge(reason, 1, Integer::sum);
        packages.merge(pkg, 1, Integer::sum);
    }

    /**
     * A build of {@code pkg} was rejected for {@code reason} by as many requests as {@code times}
     * says when the profile is read: requests of the same text share one rejection, made once,
     * and more of them may appear later.
     */
    public void rejected(String pkg, String reason, java.util.function.IntSupplier times) {
        shared.add(new Shared(pkg, reason, times));
    }

    private record Shared(String pkg, String reason, java.util.function.IntSupplier times) {}

    private final List<Shared> shared = new ArrayList<>();

    /** An unsatisfiable answer leaned on {@code pkg}. */
    public void inConflict(String pkg) {
        packages.merge(pkg, 1, Integer::sum);
    }

    /** A count of one thing, for the most frequent lists. */
    public record Count(String what, int count) {}

    /** SAT calls and their total time, per phase. */
    public record Calls(Phase phase, int count, long millis) {}

    /** The figures of a solve, for reports. */
    public record Profile(List<Calls> calls, int walkSteps, long walkMillis, int rounds, int expanded,
            List<Count> topReasons, List<Count> topPackages) {
        public Profile {
            calls = List.copyOf(calls);
            topReasons = List.copyOf(topReasons);
            topPackages = List.copyOf(topPackages);
        }

        public static final Profile EMPTY = new Profile(List.of(), 0, 0, 0, 0, List.of(), List.of());
    }

    /** How many of the most frequent reasons and packages a profile keeps. */
    public static final int TOP = 5;

    public Profile profile() {
        List<Calls> out = new ArrayList<>();
        calls.forEach((p, c) -> out.add(new Calls(p, (int) c[0], c[1] / 1_000_000)));
        Map<String, Integer> allReasons = new HashMap<>(reasons);
        Map<String, Integer> allPackages = new HashMap<>(packages);
        for (Shared s : shared) {
            int n = s.times().getAsInt();
            allReasons.merge(s.reason(), n, Integer::sum);
            allPackages.merge(s.pkg(), n, Integer::sum);
        }
        return new Profile(out, walkSteps, walkNanos / 1_000_000, rounds, expanded, top(allReasons),
                top(allPackages));
    }

    private static List<Count> top(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP).map(e -> new Count(e.getKey(), e.getValue())).toList();
    }
}
