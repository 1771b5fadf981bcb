package spk.solver.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.grammar.name.PkgName;
import spk.solver.DecisionLog;
import spk.solver.backend.SatBackend;
import spk.solver.compile.IncrementalClosure;
import spk.solver.compile.SolveEncoding;
import spk.solver.compile.SolveEncoding.CandidateInfoView;
import spk.solver.compile.SolveEncoding.RequestView;

/**
 * Finds the preferred solution: the lexicographically best assignment over the packages in the
 * order SPK meets them (the requests in order, then each resolved package's requirements,
 * breadth first). "Best" is the candidate order of SPK's package iterator (newest version first,
 * existing builds before building from source, embedded copies last). Every check is a SAT call
 * under assumptions; the encoding is grown until the model found is complete, i.e. every chosen
 * candidate's requirements are encoded.
 */
public final class Search {
    private final SolveEncoding encoding;
    private final SatBackend backend;
    private final DecisionLog log;

    private final boolean groupsAsAssumptions;
    private int groupsAsserted;
    private final UnreadVersions unreadVersions;

    /**
     * @param groupsAsAssumptions true to keep groups as assumptions (so they can be relaxed, as
     *     explanations need); false to assert them for good, which makes solves cheaper
     */
    public Search(SolveEncoding encoding, SatBackend backend, DecisionLog log, boolean groupsAsAssumptions) {
        this.encoding = encoding;
        this.backend = backend;
        this.log = log;
        this.groupsAsAssumptions = groupsAsAssumptions;
        this.unreadVersions = new UnreadVersions(encoding, backend);
    }

    /**
     * A complete model of the whole problem under the assumptions {@code extra}, with the groups
     * in {@code relaxedGroups} switched off, or null if there is none: the encoding grows (chosen
     * candidates' requirements, unread versions) until the answer no longer depends on what is
     * not encoded.
     */
    public boolean[] solveComplete(List<Integer> extra, Set<Integer> relaxedGroups) {
        while (true) {
            List<Integer> assume = new ArrayList<>();
            for (int e : extra) {
                if (e != 0) {
                    assume.add(e);
                }
            }
            if (lastModel != null) {
                hintFrom(lastModel, assume);
            }
            if (!groupsAsAssumptions) {
                var groups = encoding.model().groups();
                for (; groupsAsserted < groups.size(); groupsAsserted++) {
                    backend.assertForever(groups.get(groupsAsserted).id());
                }
            }
            backend.guide(encoding.guide());
            long t = System.nanoTime();
            int[] assumptions = encoding.assumptions(assume, relaxedGroups, groupsAsAssumptions);
            SatBackend.Outcome o = backend.solve(encoding.model(), assumptions);
            encoding.trace().satCall(System.nanoTime() - t);
            if (DEBUG) {
                System.err.printf("solve %d: %s, %.1f ms, %s%n", backend.solveCount(), o.getClass().getSimpleName(),
                        (System.nanoTime() - t) / 1e6, encoding.model().stats());
            }
            if (o instanceof SatBackend.Outcome.Unsat u) {
                int[] core = unreadVersions.coreWhateverTheUnreadVersions(assumptions, u.core());
                if (core != null) {
                    lastCore = core;
                    return null;
                }
                continue;
            }
            boolean[] m = ((SatBackend.Outcome.Sat) o).model();
            lastModel = m;
            List<Integer> todo = encoding.unexpandedChosen(m);
            if (todo.isEmpty()) {
                return m;
            }
            if (DEBUG) {
                System.err.println("  expanding " + todo.size() + " chosen candidates");
                todo.forEach(tv -> System.err.println("    " + encoding.candidate(tv).label()));
            }
            encoding.trace().expansionRound(todo.size());
            todo.forEach(encoding::expand);
        }
    }

    private boolean[] lastModel;
    private int[] lastCore = new int[0];

    /**
     * The assumptions the last unsatisfiable answer of {@link #solveComplete} leaned on: a set
     * that cannot hold together whatever the unread versions are (which set is the back end's
     * business; callers may only use it as a bound).
     */
    public int[] lastCore() {
        return lastCore.clone();
    }

    /** How many candidates the walk before the first solve may try. */
    private static final int WALK_BUDGET = Integer.getInteger("spk.walkBudget", 5000);

    private static final boolean DEBUG = System.getenv("SPK_DEBUG_SOLVE") != null;

    /**
     * Hints the solver back to the last model's candidates (plus {@code extra}), and for
     * packages that model's choices newly require, to the first guess.
     */
    private void hintFrom(boolean[] model, List<Integer> extra) {
        int vars = encoding.model().varCount();
        if (model != hintedModel || vars != hintedVars) {
            hintedModel = model;
            hintedVars = vars;
            hintedFromModel = hintsFrom(model);
        }
        boolean[] hints = hintedFromModel.clone();
        for (int e : extra) {
            if (e > 0 && encoding.isCandidate(e)) {
                hints[e] = true;
            }
        }
        backend.hint(hints);
    }

    /**
     * The hints a model gives, kept while the model and the encoding stay as they are: the
     * explanation's unsatisfiable checks leave the last model in place, and each asked for them again.
     */
    private boolean[] hintedModel;
    private int hintedVars;
    private boolean[] hintedFromModel;

    /**
     * The closure of the last hinting model's candidates, moved to the next model's by its
     * changes only (consecutive models differ in a few packages). Every chosen candidate of a
     * model the hints come from has its requirements encoded, so the closure stays right as the
     * encoding grows.
     */
    private IncrementalClosure hintClosure;
    private final Map<PkgName, Integer> hintDecided = new HashMap<>();

    /** The model's candidates, and the first guess for the packages they newly require. */
    private boolean[] hintsFrom(boolean[] model) {
        Map<PkgName, Integer> chosen = new LinkedHashMap<>();
        encoding.chosen(model).forEach((n, c) -> chosen.put(n, c.var()));
        boolean[] hints = new boolean[encoding.model().varCount() + 1];
        chosen.values().forEach(v -> hints[v] = true);
        if (groupsAsAssumptions) {
            // the explanation's checks: most are unsatisfiable, or satisfiable near the last model,
            // and guessing for the packages a model newly requires cost more (moving the closure
            // to each model) than it saved them (measured: docs/benchmarks.md)
            return hints;
        }
        if (hintClosure == null) {
            hintClosure = encoding.newClosure();
        }
        for (var it = hintDecided.keySet().iterator(); it.hasNext(); ) {
            PkgName n = it.next();
            if (!chosen.containsKey(n)) {
                hintClosure.undecide(n);
                it.remove();
            }
        }
        chosen.forEach((n, v) -> {
            if (!v.equals(hintDecided.put(n, v))) {
                hintClosure.decide(n, v);
            }
        });
        for (PkgName pending : hintClosure.snapshot().pending()) {
            Integer g = encoding.greedyChoice(pending, chosen);
            if (g != null) {
                hints[g] = true;
            }
        }
        return hints;
    }

    /** SPK's iterator without backtracking: a quick first guess, expanded, to hint the first solve. */
    private void greedyFirstGuess() {
        Map<PkgName, Integer> decided = new LinkedHashMap<>();
        IncrementalClosure closure = encoding.newClosure();
        Set<PkgName> skipped = new java.util.HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            // a whole level of the walk at a time: only a hint, so the order within a level matters little
            for (PkgName next : closure.snapshot().pending()) {
                if (skipped.contains(next)) {
                    continue;
                }
                Integer c = encoding.greedyChoice(next, decided);
                if (c == null) {
                    skipped.add(next);
                    continue;
                }
                encoding.expand(c);
                decided.put(next, c);
                closure.decide(next, c);
                grew = true;
            }
        }
        boolean[] hints = new boolean[encoding.model().varCount() + 1];
        decided.values().forEach(v -> hints[v] = true);
        backend.hint(hints);
    }

    /** The decisions made, in order: package → chosen candidate. */
    public record Outcome(Map<PkgName, CandidateInfoView> resolved, SolveEncoding.Closure closure, boolean[] model) {}

    /** Runs the search; null when the requests cannot be satisfied at all. */
    public Outcome run() {
        for (RequestView r : encoding.initialRequests()) {
            log.add(0, 2, ' ', "INITIAL REQUEST " + r.request());
        }
        long t = System.nanoTime();
        GuidedWalk.Result walk = new GuidedWalk(encoding, WALK_BUDGET).run();
        encoding.trace().walk(walk.trials(), System.nanoTime() - t);
        if (DEBUG) {
            System.err.println("walk: " + walk.decided().size() + " decided, complete " + walk.complete() + ", "
                    + walk.trials() + " trials");
        }
        if (walk.complete()) {
            boolean[] hints = new boolean[encoding.model().varCount() + 1];
            walk.decided().values().forEach(v -> hints[v] = true);
            backend.hint(hints);
        } else {
            // no solution as far as the walk can tell: encode what SPK's iterator would meet
            // anyway, so the explanation's checks do not grow it a round at a time
            greedyFirstGuess();
        }
        boolean[] m = solveComplete(List.of(), Set.of());
        if (m == null) {
            return null;
        }
        if (DEBUG) {
            Map<PkgName, CandidateInfoView> ch = encoding.chosen(m);
            walk.decided().forEach((n, v) -> {
                CandidateInfoView x = ch.get(n);
                if (x == null || x.var() != v) {
                    System.err.println("  walk " + encoding.candidate(v).label() + " model " + (x == null ? "-" : x.label()));
                }
            });
        }
        m = improve(m, walk);
        // the model is now the preferred solution; report the decisions in the order the last
        // pass of the improvement met them
        Map<PkgName, CandidateInfoView> resolved = new LinkedHashMap<>();
        Map<PkgName, Integer> decided = new LinkedHashMap<>();
        Map<String, Integer> depthOfRequester = new HashMap<>();
        Map<PkgName, CandidateInfoView> chosenInModel = encoding.chosen(m);
        for (int step = 0; ; step++) {
            if (step == lastPass.names().size()) {
                return new Outcome(resolved, lastPass.closure(), m);
            }
            PkgName name = lastPass.names().get(step);
            CandidateInfoView chosen = chosenInModel.get(name);
            String by = lastPass.requestedBy().get(step);
            int d = depthOfRequester.getOrDefault(by, 0) + 1;
            for (RequestView r : encoding.activeRequests(name, m)) {
                log.add(d, 2, '.', "REQUEST " + r.request() + " (requested by " + r.requestedBy() + ")");
            }
            for (CandidateInfoView b : better(name, chosen)) {
                String why = encoding.certainReasonAgainst(b.var(), decided);
                List<String> reasons = why != null ? List.of(why) : encoding.reasonsAgainst(b.var(), m);
                if (reasons.isEmpty()) {
                    String never = encoding.unmeetableRequirement(b.var());
                    reasons = never == null ? reasons : List.of(never);
                }
                log.add(d, 2, '.', "TRY " + b.spec().pkg() + " - "
                        + (reasons.isEmpty() ? "cannot be used with the packages chosen" : reasons.get(0)));
            }
            resolved.put(name, chosen);
            decided.put(name, chosen.var());
            depthOfRequester.put(chosen.label(), d);
            log.add(d, 1, '>', "RESOLVE " + chosen.spec().pkg() + " (" + chosen.source() + ", requested by " + by
                    + ")");
        }
    }

    /**
     * Improves a complete model until no solution is preferred to it. The packages are ordered as
     * SPK meets them (requests first, then each chosen package's requirements); a solution is
     * preferred when, at the first package where they differ, its candidate ranks better. One
     * solve asks whether any such solution exists, so proving a model optimal costs one call
     * however many packages it has.
     */
    private boolean[] improve(boolean[] model, GuidedWalk.Result walk) {
        boolean[] m = model;
        while (true) {
            Map<PkgName, CandidateInfoView> chosen = encoding.chosen(m);
            Map<PkgName, Integer> decided = new LinkedHashMap<>();
            List<Integer> improvements = new ArrayList<>();
            List<PkgName> names = new ArrayList<>();
            List<String> requestedBy = new ArrayList<>();
            int samePrefix = 0;
            // a model making the walk's decisions gets the walk's pass: the same packages in the
            // same order, asked for by the same, and the same closure
            boolean walked = walk.complete() && sameDecisions(walk.decided(), chosen);
            List<PkgName> walkOrder = walked ? new ArrayList<>(walk.decided().keySet()) : List.of();
            IncrementalClosure closure = walked ? walk.closure() : encoding.newClosure();
            while (true) {
                PkgName name = walked ? (names.size() < walkOrder.size() ? walkOrder.get(names.size()) : null)
                        : closure.firstPending();
                if (name == null) {
                    lastPass = new Pass(names, requestedBy, closure.snapshot());
                    break;
                }
                requestedBy.add(walked ? walk.requestedBy().get(names.size()) : closure.requestedBy(name));
                names.add(name);
                CandidateInfoView c = chosen.get(name);
                if (c == null) {
                    throw new IllegalStateException("the model has no candidate for required package " + name);
                }
                if (c.source() instanceof spk.solver.Source.Embedded && encoding.hasUnreadVersions(name)) {
                    // every real build ranks above an embedded copy, read or not
                    encoding.readAllVersions(name);
                }
                List<Integer> better = new ArrayList<>();
                for (CandidateInfoView b : better(name, c)) {
                    if (encoding.certainReasonAgainst(b.var(), decided) == null) {
                        better.add(b.var());
                    }
                }
                if (!better.isEmpty()) {
                    // y: everything before this package as chosen, and a better candidate for it
                    int y = encoding.model().newVar("a better candidate of " + name);
                    int[] clause = new int[better.size() + 1];
                    clause[0] = -y;
                    for (int i = 0; i < better.size(); i++) {
                        clause[i + 1] = better.get(i);
                    }
                    encoding.model().addClause(clause);
                    if (samePrefix != 0) {
                        encoding.model().addImplication(y, samePrefix);
                    }
                    improvements.add(y);
                }
                int next = encoding.model().newVar("the choices up to " + name + " are kept");
                if (samePrefix != 0) {
                    encoding.model().addImplication(next, samePrefix);
                }
                encoding.model().addImplication(next, c.var());
                samePrefix = next;
                decided.put(name, c.var());
                if (!walked) {
                    closure.decide(name, c.var());
                }
            }
            walk = NO_WALK;
            if (improvements.isEmpty()) {
                return m;
            }
            int any = encoding.model().newVar("some preferred solution");
            int[] clause = new int[improvements.size() + 1];
            clause[0] = -any;
            for (int i = 0; i < improvements.size(); i++) {
                clause[i + 1] = improvements.get(i);
            }
            encoding.model().addClause(clause);
            if (DEBUG) {
                System.err.println("  improvement query over " + improvements.size() + " packages");
            }
            encoding.trace().phase(spk.solver.trace.SolveTrace.Phase.IMPROVE);
            boolean[] better = solveComplete(List.of(any), Set.of());
            encoding.trace().phase(spk.solver.trace.SolveTrace.Phase.SEARCH);
            if (better == null) {
                return m;
            }
            m = better;
        }
    }

    private static final GuidedWalk.Result NO_WALK = new GuidedWalk.Result(Map.of(), false, 0, List.of(), null);

    /** Whether the model chooses what the walk decided, for every package the walk decided. */
    private static boolean sameDecisions(Map<PkgName, Integer> walked, Map<PkgName, CandidateInfoView> chosen) {
        for (Map.Entry<PkgName, Integer> e : walked.entrySet()) {
            CandidateInfoView c = chosen.get(e.getKey());
            if (c == null || c.var() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The packages of a model in the order SPK meets them, with who asked for each, and the
     * closure of them all: the same for the same model, so the report reuses the improvement's.
     */
    private record Pass(List<PkgName> names, List<String> requestedBy, SolveEncoding.Closure closure) {}

    /** The improvement's last pass over the model it returned. */
    private Pass lastPass;

    private List<CandidateInfoView> better(PkgName name, CandidateInfoView current) {
        List<CandidateInfoView> out = new ArrayList<>();
        for (CandidateInfoView c : encoding.ranked(name)) {
            if (c.var() == current.var()) {
                break;
            }
            out.add(c);
        }
        return out;
    }
}
