package spk.solver.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    }

    /**
     * A minimal conflicting set of groups, in the encoding's explanation order: the preferred one
     * for that order (what QuickXplain over all groups finds), which depends only on which sets
     * of groups can hold and on what is encoded, not on the order the back end's models made
     * it encoded in, so both back ends, and every run, give the same one.
     */
    public List<Group> minimalConflict() {
        List<Group> candidates = new ArrayList<>(encoding.model().groups());
        for (int round = 0; round < 10; round++) {
            int known = encoding.model().groups().size();
            pool = new ArrayList<>(encoding.model().groups());
            List<Group> ordered = encoding.explanationOrder(pool);
            List<Group> conflict = preferredConflict(ordered);
            if (encoding.model().groups().size() == known) {
                Map<Group, Integer> position = new java.util.HashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    position.put(ordered.get(i), i);
                }
                conflict.sort(java.util.Comparator.comparingInt(position::get));
                return conflict;
            }
            // checking consistency encoded more requirements; explain again with them as candidates
            candidates = new ArrayList<>(encoding.model().groups());
        }
        return candidates;
    }

    /**
     * Repeatedly finds, by binary search, the shortest prefix of {@code ordered} that cannot hold
     * together with the groups found so far: its last group belongs to the preferred conflict.
     * Each member costs one check plus a binary search. (Starting from the back end's own core
     * needs fewer checks, but which core a back end reports is its own business, and two back
     * ends named different conflicts where several exist.)
     */
    private List<Group> preferredConflict(List<Group> ordered) {
        Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            position.put(ordered.get(i).id(), i);
        }
        List<Group> found = new ArrayList<>();
        int limit = ordered.size(); // found ∪ ordered[0, limit) cannot hold
        while (limit > 0 && consistent(found, pool)) {
            // the shortest prefix that cannot hold with `found` is ordered[0, lo): found by a binary
            // search, where an unsatisfiable check's core (a set that cannot hold, so neither can
            // any prefix holding it) moves the upper end down to its last group, and then the
            // next check asks whether the prefix just below that can hold. Cores only bound the
            // search: the answer is the same whatever the back end reports.
            int lo = 1;
            int hi = limit;
            boolean descend = true;
            while (lo < hi) {
                int mid = descend ? hi - 1 : (lo + hi) >>> 1;
                if (mid < lo) {
                    mid = (lo + hi) >>> 1;
                }
                List<Group> trial = new ArrayList<>(found);
                trial.addAll(ordered.subList(0, mid));
                if (consistent(trial, pool)) {
                    lo = mid + 1;
                    descend = false;
                } else {
                    int p = lastCorePosition(position, mid);
                    int next = p < 0 ? mid : Math.max(lo, p + 1);
                    descend = next < mid;
                    hi = next;
                }
            }
            found.add(ordered.get(lo - 1));
            limit = lo - 1;
        }
        return found;
    }

    /**
     * The highest position below {@code below} of a group the last unsatisfiable check leaned on,
     * or -1: the prefix up to it, with the members found so far, cannot hold.
     */
    private int lastCorePosition(Map<Integer, Integer> position, int below) {
        int max = -1;
        for (int lit : search.lastCore()) {
            Integer p = lit > 0 ? position.get(lit) : null;
            if (p != null && p < below) {
                max = Math.max(max, p);
            }
        }
        return max;
    }

    /** True if everything except the relaxed groups among {@code pool} can hold at once. */
    private boolean consistent(List<Group> selected, List<Group> pool) {
        Set<Integer> keep = new HashSet<>();
        selected.forEach(g -> keep.add(g.id()));
        Set<Integer> relaxed = new HashSet<>();
        for (Group g : pool) {
            if (!keep.contains(g.id())) {
                relaxed.add(g.id());
            }
        }
        return search.solveComplete(List.of(), relaxed) != null;
    }

    /** Every group known when the current round began: what a consistency check may relax. */
    private List<Group> pool;

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
