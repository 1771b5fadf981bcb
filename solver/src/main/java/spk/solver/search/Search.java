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
import spk.solver.compile.SolveEncoding;
import spk.solver.compile.SolveEncoding.CandidateInfoView;
import spk.solver.compile.SolveEncoding.RequestView;

/**
 * Finds the preferred solution: the best candidate of each package, decided one package at a
 * time in the order SPK meets them (the requests in order, then each resolved package's
 * requirements, breadth first), each given every earlier decision. "Best" is the candidate
 * order of SPK's package iterator (newest version first, existing builds before building from
 * source, embedded copies last). Every check is a SAT call under assumptions; the encoding is
 * grown until the model found is complete, i.e. every chosen candidate's requirements are
 * encoded.
 */
public final class Search {
    private final SolveEncoding encoding;
    private final SatBackend backend;
    private final DecisionLog log;
    private final List<Integer> fixed = new ArrayList<>();

    public Search(SolveEncoding encoding, SatBackend backend, DecisionLog log) {
        this.encoding = encoding;
        this.backend = backend;
        this.log = log;
    }

    /** A model of the whole problem under the decisions so far plus {@code extra}, or null if there is none. */
    public boolean[] solveComplete(List<Integer> extra, Set<Integer> relaxedGroups) {
        while (true) {
            List<Integer> assume = new ArrayList<>(fixed);
            assume.addAll(extra);
            SatBackend.Outcome o = backend.solve(encoding.model(), encoding.assumptions(assume, relaxedGroups));
            if (o instanceof SatBackend.Outcome.Unsat) {
                return null;
            }
            boolean[] m = ((SatBackend.Outcome.Sat) o).model();
            List<Integer> todo = encoding.unexpandedChosen(m);
            if (todo.isEmpty()) {
                return m;
            }
            todo.forEach(encoding::expand);
        }
    }

    /** The decisions made, in order: package → chosen candidate. */
    public record Outcome(Map<PkgName, CandidateInfoView> resolved, SolveEncoding.Closure closure, boolean[] model) {}

    /** Runs the search; null when the requests cannot be satisfied at all. */
    public Outcome run() {
        for (RequestView r : encoding.initialRequests()) {
            log.add(0, 2, ' ', "INITIAL REQUEST " + r.request());
        }
        boolean[] m = solveComplete(List.of(), Set.of());
        if (m == null) {
            return null;
        }
        Map<PkgName, CandidateInfoView> resolved = new LinkedHashMap<>();
        Map<PkgName, Integer> decided = new LinkedHashMap<>();
        Map<String, Integer> depthOfRequester = new HashMap<>();
        while (true) {
            SolveEncoding.Closure closure = encoding.closure(decided);
            if (closure.pending().isEmpty()) {
                return new Outcome(resolved, closure, m);
            }
            PkgName name = closure.pending().get(0);
            CandidateInfoView chosen = encoding.chosen(m).get(name);
            if (chosen == null) {
                throw new IllegalStateException("the model has no candidate for required package " + name);
            }
            String by = closure.requestedBy().getOrDefault(name, "");
            int d = depthOfRequester.getOrDefault(by, 0) + 1;
            for (RequestView r : encoding.activeRequests(name, m)) {
                log.add(d, 2, '.', "REQUEST " + r.request() + " (requested by " + r.requestedBy() + ")");
            }
            Decision decision = decide(name, chosen, m, d);
            m = decision.model();
            chosen = decision.chosen();
            fixed.add(chosen.var());
            resolved.put(name, chosen);
            decided.put(name, chosen.var());
            depthOfRequester.put(chosen.label(), d);
            log.add(d, 1, '>', "RESOLVE " + chosen.spec().pkg() + " (" + chosen.source() + ", requested by " + by
                    + ")");
        }
    }

    private record Decision(CandidateInfoView chosen, boolean[] model) {}

    /** Improves the choice for one package until no better candidate fits with the decisions so far. */
    private Decision decide(PkgName name, CandidateInfoView current, boolean[] model, int depth) {
        boolean[] m = model;
        CandidateInfoView chosen = current;
        while (true) {
            List<CandidateInfoView> better = better(name, chosen);
            if (better.isEmpty()) {
                return new Decision(chosen, m);
            }
            int prefer = encoding.model().newVar("prefer a candidate of " + name + " better than " + chosen.label());
            int[] clause = new int[better.size() + 1];
            clause[0] = -prefer;
            for (int i = 0; i < better.size(); i++) {
                clause[i + 1] = better.get(i).var();
            }
            encoding.model().addClause(clause);
            boolean[] improved = solveComplete(List.of(prefer), Set.of());
            if (improved == null) {
                for (CandidateInfoView b : better) {
                    List<String> why = encoding.reasonsAgainst(b.var(), m);
                    log.add(depth, 2, '.', "TRY " + b.spec().pkg() + " - "
                            + (why.isEmpty() ? "cannot be used with the packages already chosen" : why.get(0)));
                }
                return new Decision(chosen, m);
            }
            m = improved;
            CandidateInfoView next = encoding.chosen(m).get(name);
            if (next == null || next.var() == chosen.var()) {
                return new Decision(chosen, m);
            }
            chosen = next;
        }
    }

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
