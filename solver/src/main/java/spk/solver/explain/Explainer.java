package spk.solver.explain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import spk.constraint.Group;
import spk.grammar.name.PkgName;
import spk.solver.Explanation;
import spk.solver.compile.SolveEncoding;
import spk.solver.compile.SolveEncoding.CandidateInfoView;
import spk.solver.compile.SolveEncoding.RequestView;
import spk.solver.search.Search;

/**
 * Explains an unsatisfiable solve: QuickXplain over the requests, options and requirements
 * (each a {@link Group}) finds a minimal set that cannot hold together, using only
 * satisfiable/unsatisfiable answers, so the result does not depend on the back end. The set is
 * then told as a story: each request or requirement, and per package, the builds that were
 * considered and why each did not fit.
 */
public final class Explainer {
    private static final int MAX_BUILDS_SHOWN = 12;

    private final SolveEncoding encoding;
    private final Search search;

    /** @param search a search whose groups are assumptions, so they can be relaxed */
    public Explainer(SolveEncoding encoding, Search search) {
        this.encoding = encoding;
        this.search = search;
        this.held = new HeldGroups(encoding.model());
    }

    /**
     * A minimal conflicting set of groups, in the encoding's explanation order: the preferred one
     * for that order (what QuickXplain over all groups finds), which depends only on which sets
     * of groups can hold and on what is encoded, not on the order the back end's models made
     * it encoded in, so both back ends, and every run, give the same one.
     */
    public List<Group> minimalConflict() {
        for (int round = 0; ; round++) {
            int known = encoding.model().groups().size();
            pool = new ArrayList<>(encoding.model().groups());
            List<Group> ordered = encoding.explanationOrder(pool);
            List<Group> conflict = preferredConflict(ordered, round < RESTARTS);
            if (conflict != null && encoding.model().groups().size() == known) {
                Map<Group, Integer> position = new java.util.HashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    position.put(ordered.get(i), i);
                }
                conflict.sort(java.util.Comparator.comparingInt(position::get));
                return conflict;
            }
            // checking consistency encoded more requirements: what this round finds is no answer
            // over all of them, so explain again with them as candidates (what was learnt stays)
            if (round == RESTARTS + 10) {
                return new ArrayList<>(encoding.model().groups());
            }
        }
    }

    /**
     * How many rounds stop as soon as a check encodes more groups (their answer would be thrown
     * away); later rounds run to their end, as every round once did.
     */
    private static final int RESTARTS = 50;

    /**
     * Repeatedly finds the shortest prefix of {@code ordered} that cannot hold together with the
     * groups found so far: its last group belongs to the preferred conflict, and when the empty
     * prefix is already too much, the groups found are the conflict. That shortest prefix is one
     * length whatever the order of the questions, so the answer depends only on which sets of
     * groups can hold: a binary search finds it, bounded by what earlier checks proved (an
     * unsatisfiable check's core, a satisfiable check's model and the groups it holds, see
     * {@link CheckFacts}), and a check those facts decide costs no SAT call. Cores only bound the
     * search: which core a back end reports is its own business (two back ends named different
     * conflicts where several exist when their cores chose the members). Null if
     * {@code stopOnGrowth} and a check encoded more groups.
     */
    private List<Group> preferredConflict(List<Group> ordered, boolean stopOnGrowth) {
        int n = ordered.size();
        Map<Integer, Integer> slot = slots(); // group id -> place in the model's groups
        int[] orderOfSlot = new int[n];
        int[] slotOfOrder = new int[n];
        for (int i = 0; i < n; i++) {
            slotOfOrder[i] = slot.get(ordered.get(i).id());
            orderOfSlot[slotOfOrder[i]] = i;
        }
        List<Group> found = new ArrayList<>();
        BitSet foundAt = new BitSet(n);
        int limit = n; // found ∪ ordered[0, limit) cannot hold
        while (limit > 0) {
            // the shortest prefix ordered[0, lo) that cannot hold with `found`: lengths below lo
            // can, hi cannot. After an unsatisfiable check whose core moved hi down, the next
            // check asks whether the prefix just below can hold (so a good core costs two checks
            // per member); otherwise, bisect.
            int lo = 0;
            int hi = limit;
            boolean descend = true;
            while (true) {
                IntPredicate base = s -> kept(s, 0, foundAt, orderOfSlot);
                IntPredicate assumed = assumedNow();
                int held = facts.longestHeldPrefix(base, encoding.model().groups().size(), k -> slotOfOrder[k], hi);
                lo = Math.max(lo, Math.min(held + 1, hi));
                int covered = facts.shortestCoveringPrefix(base, s -> s < n ? orderOfSlot[s] : -1, assumed, hi);
                if (covered < hi) {
                    hi = Math.max(lo, covered);
                    descend = true;
                }
                if (lo >= hi) {
                    break;
                }
                int mid = descend ? hi - 1 : (lo + hi) >>> 1;
                int m = mid;
                IntPredicate keep = s -> kept(s, m, foundAt, orderOfSlot);
                CheckFacts.Known known = facts.answer(keep, encoding.model().groups().size(), assumed);
                if (known == null) {
                    known = check(keep, slot);
                    if (stopOnGrowth && encoding.model().groups().size() > pool.size()) {
                        return null;
                    }
                } else {
                    answered++;
                }
                if (known.holds()) {
                    lo = mid + 1;
                    descend = false;
                } else {
                    int p = lastCorePosition(known.core(), orderOfSlot, mid);
                    int next = Math.max(lo, p + 1);
                    descend = next < mid;
                    hi = next;
                }
            }
            if (lo == 0) {
                break; // the groups found cannot hold on their own
            }
            found.add(ordered.get(lo - 1));
            foundAt.set(lo - 1);
            limit = lo - 1;
        }
        if (DEBUG) {
            System.err.println("explanation: " + found.size() + " groups of " + n + ", " + checks + " checks, "
                    + answered + " answered by earlier ones");
        }
        return found;
    }

    private static final boolean DEBUG = System.getenv("SPK_DEBUG_SOLVE") != null;

    /** Whether a check with the members {@code found} and the prefix {@code ordered[0, prefix)} keeps a group (by slot). */
    private boolean kept(int slot, int prefix, BitSet found, int[] orderOfSlot) {
        if (slot >= pool.size()) {
            return true; // made since the round began: not relaxed
        }
        int at = orderOfSlot[slot];
        return at < prefix || found.get(at);
    }

    /** Each group's place in the model's group list (the pool is its beginning). */
    private Map<Integer, Integer> slots() {
        List<Group> groups = encoding.model().groups();
        Map<Integer, Integer> slot = new java.util.HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            slot.put(groups.get(i).id(), i);
        }
        return slot;
    }

    /**
     * The highest place in the order, below {@code below}, of a group in {@code core}, or -1: the
     * prefix up to it, with the members found so far, cannot hold.
     */
    private static int lastCorePosition(BitSet core, int[] orderOfSlot, int below) {
        int max = -1;
        for (int s = core.nextSetBit(0); s >= 0; s = core.nextSetBit(s + 1)) {
            int p = s < orderOfSlot.length ? orderOfSlot[s] : -1;
            if (p < below) {
                max = Math.max(max, p);
            }
        }
        return max;
    }

    /**
     * Asks the back end whether the groups {@code keep} accepts, and every group made since the
     * round began, can hold at once; remembers the answer's facts.
     */
    private CheckFacts.Known check(IntPredicate keep, Map<Integer, Integer> slot) {
        checks++;
        List<Group> groups = encoding.model().groups();
        Set<Integer> relaxed = new HashSet<>();
        for (int s = 0; s < pool.size(); s++) {
            if (!keep.test(s)) {
                relaxed.add(groups.get(s).id());
            }
        }
        boolean[] model = search.solveComplete(List.of(), relaxed);
        if (model != null) {
            BitSet h = held.in(model);
            if (DEBUG) {
                int k = 0;
                for (int s = 0; s < pool.size(); s++) {
                    if (keep.test(s)) {
                        k++;
                    }
                }
                System.err.println("  check: holds, keeping " + k + " of " + pool.size() + ", the model holds " + h.cardinality());
            }
            facts.satisfiable(h, encoding.model().groups().size());
            return CheckFacts.Known.SATISFIABLE;
        }
        // the core in slots, and the open ends it leaned on (none of them behind unread versions)
        BitSet core = new BitSet();
        List<Integer> openEnds = new ArrayList<>();
        Map<Integer, Integer> now = slot.size() == encoding.model().groups().size() ? slot : slots();
        for (int lit : search.lastCore()) {
            Integer s = lit > 0 ? now.get(lit) : null;
            if (s == null) {
                openEnds.add(lit);
            } else {
                core.set(s);
            }
        }
        facts.unsatisfiable(core, openEnds.stream().mapToInt(Integer::intValue).toArray());
        if (DEBUG) {
            System.err.println("  check: cannot hold, core " + core.cardinality() + " and " + openEnds.size() + " open ends");
        }
        return new CheckFacts.Known(false, core);
    }

    /**
     * The open ends every solve assumes false now. Between checks nothing waits to be flushed
     * (a check's last solve flushed it), so asking changes nothing.
     */
    private IntPredicate assumedNow() {
        Set<Integer> ends = new HashSet<>();
        for (int lit : encoding.model().openEnds()) {
            ends.add(lit);
        }
        return ends::contains;
    }

    /** Every group known when the current round began: what a consistency check may relax. */
    private List<Group> pool;
    private final CheckFacts facts = new CheckFacts();
    private final HeldGroups held;
    private int checks;
    private int answered;

    /** The story of a conflict. */
    public Explanation explain() {
        encoding.trace().phase(spk.solver.trace.SolveTrace.Phase.EXPLAIN);
        List<Group> conflict = minimalConflict();
        List<String> lines = new ArrayList<>();
        Map<PkgName, List<RequestView>> byPackage = new LinkedHashMap<>();
        for (Group g : conflict) {
            lines.add(g.description());
            Optional<RequestView> r = encoding.requestOfGroup(g.id());
            r.ifPresent(rv -> byPackage.computeIfAbsent(rv.request().pkg().name(), n -> new ArrayList<>()).add(rv));
            r.ifPresent(rv -> encoding.trace().inConflict(rv.request().pkg().name().value()));
        }
        List<Explanation.PackageStory> stories = new ArrayList<>();
        for (Map.Entry<PkgName, List<RequestView>> e : byPackage.entrySet()) {
            List<String> requests = new ArrayList<>();
            Map<String, List<String>> reasons = new LinkedHashMap<>();
            for (RequestView r : e.getValue()) {
                requests.add(r.request() + " by " + r.requestedBy());
                encoding.rejectionsOf(r.groupId()).forEach((label, why) ->
                        reasons.computeIfAbsent(label, l -> new ArrayList<>()).add(why + " [" + r.request() + "]"));
            }
            for (Group g : conflict) {
                if (encoding.varRequestOfGroup(g.id()).isPresent()) {
                    encoding.rejectionsOf(g.id()).forEach((label, why) -> {
                        if (label.contains("/" + e.getKey().value() + "/") || label.startsWith(e.getKey().value() + "/")) {
                            reasons.computeIfAbsent(label, l -> new ArrayList<>()).add(why);
                        }
                    });
                }
            }
            List<String> rejected = new ArrayList<>();
            List<CandidateInfoView> ranked = encoding.ranked(e.getKey());
            if (ranked.isEmpty()) {
                rejected.add("no builds of '" + e.getKey() + "' in any repository; check the package name's spelling");
            }
            int shown = 0;
            for (CandidateInfoView c : ranked) {
                if (shown++ == MAX_BUILDS_SHOWN) {
                    rejected.add("... and " + (ranked.size() - MAX_BUILDS_SHOWN) + " more builds");
                    break;
                }
                List<String> why = reasons.get(c.label());
                rejected.add(c.label() + ": " + (why == null ? "fits these requests; it is ruled out by the "
                        + "requirements it brings or by other packages" : String.join("; ", why)));
            }
            encoding.unbuildable().forEach((recipe, why) -> {
                if (recipe.startsWith(e.getKey().value() + "/")) {
                    rejected.add("building " + recipe + " from source: " + why);
                }
            });
            stories.add(new Explanation.PackageStory(e.getKey().value(), requests, rejected));
        }
        return new Explanation(lines, stories);
    }
}
