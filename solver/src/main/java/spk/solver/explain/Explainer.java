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

    /** A minimal conflicting set of groups, in creation order. */
    public List<Group> minimalConflict() {
        List<Group> candidates = new ArrayList<>(encoding.model().groups());
        for (int round = 0; round < 10; round++) {
            int known = encoding.model().groups().size();
            pool = new ArrayList<>(encoding.model().groups());
            List<Group> conflict = qx(new ArrayList<>(), new ArrayList<>(), unsatisfiableCore(pool));
            if (encoding.model().groups().size() == known) {
                conflict.sort((a, b) -> Integer.compare(a.id(), b.id()));
                return conflict;
            }
            // checking consistency encoded more requirements; explain again with them as candidates
            candidates = new ArrayList<>(encoding.model().groups());
        }
        return candidates;
    }

    /**
     * The groups the back end's own unsatisfiable core names, when they alone cannot hold (a
     * much smaller start for QuickXplain, which then needs far fewer checks); else all of them.
     */
    private List<Group> unsatisfiableCore(List<Group> all) {
        if (search.solveComplete(List.of(), Set.of()) != null) {
            return all;
        }
        Set<Integer> core = new HashSet<>();
        for (int lit : search.lastCore()) {
            core.add(lit);
        }
        List<Group> named = new ArrayList<>();
        for (Group g : all) {
            if (core.contains(g.id())) {
                named.add(g);
            }
        }
        return !named.isEmpty() && !consistent(named, all) ? named : all;
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

    private List<Group> qx(List<Group> background, List<Group> delta, List<Group> constraints) {
        if (!delta.isEmpty() && !consistent(background, pool)) {
            return new ArrayList<>();
        }
        if (constraints.size() == 1) {
            return new ArrayList<>(constraints);
        }
        int k = constraints.size() / 2;
        List<Group> c1 = constraints.subList(0, k);
        List<Group> c2 = constraints.subList(k, constraints.size());
        List<Group> b1 = new ArrayList<>(background);
        b1.addAll(c1);
        List<Group> d2 = qx(b1, new ArrayList<>(c1), new ArrayList<>(c2));
        List<Group> b2 = new ArrayList<>(background);
        b2.addAll(d2);
        List<Group> d1 = qx(b2, d2, new ArrayList<>(c1));
        List<Group> out = new ArrayList<>(d1);
        out.addAll(d2);
        return out;
    }

    /** The story of a conflict. */
    public Explanation explain() {
        List<Group> conflict = minimalConflict();
        List<String> lines = new ArrayList<>();
        Map<PkgName, List<RequestView>> byPackage = new LinkedHashMap<>();
        for (Group g : conflict) {
            lines.add(g.description());
            Optional<RequestView> r = encoding.requestOfGroup(g.id());
            r.ifPresent(rv -> byPackage.computeIfAbsent(rv.request().pkg().name(), n -> new ArrayList<>()).add(rv));
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
