package spk.solver.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.grammar.name.PkgName;
import spk.solver.Source;
import spk.solver.compile.IncrementalClosure;
import spk.solver.compile.SolveEncoding;
import spk.solver.compile.SolveEncoding.CandidateInfoView;
import spk.solver.compile.SolveEncoding.Objection;

/**
 * SPK's step solver without a SAT call, run before the first one: the packages in the order SPK
 * meets them, each given its best candidate that nothing decided so far objects to (reading its
 * older versions when the ones read run out, as SPK's iterator would), stepping back when a
 * package has none left: to the latest decision among those that caused the objections
 * (conflict-directed backjumping), which skips only choices that cannot lead to a solution, so
 * the first solution met is still the preferred one. Every candidate it tries past the cheap
 * checks has its requirements encoded, so the encoding already holds what the preferred
 * solution needs and what rules out the candidates ranked above it: the first solve then finds
 * that solution and one more call proves nothing is preferred, instead of a round of
 * solve-and-expand per level of the dependency chains. It is only a guide (the SAT calls
 * decide), and gives up after a budget of trials.
 */
final class GuidedWalk {
    private final SolveEncoding encoding;
    private final int budget;
    private int trials;

    GuidedWalk(SolveEncoding encoding, int budget) {
        this.encoding = encoding;
        this.budget = budget;
    }

    /**
     * What the walk decided (in order), whether that is a whole solution as far as it can tell,
     * and its trials; when complete, who asked for each decided package (in the same order) and
     * the closure of the decisions, which a pass over a model making the same decisions repeats.
     */
    record Result(Map<PkgName, Integer> decided, boolean complete, int trials, List<String> requestedBy,
            IncrementalClosure closure) {}

    /** One package being decided: the candidates tried, and the decided packages that ruled them out. */
    private static final class Frame {
        final PkgName name;
        /** Who first asked for the package when it came to be decided. */
        String requestedBy = "";
        final Set<Integer> tried = new HashSet<>();
        final Set<PkgName> conflict = new HashSet<>();
        /** Some objection's cause is unknown: only the previous decision can be changed. */
        boolean unknown;

        Frame(PkgName name, Set<PkgName> neededBecause) {
            this.name = name;
            absorb(neededBecause);
        }

        void absorb(Set<PkgName> culprits) {
            if (culprits == null) {
                unknown = true;
            } else {
                conflict.addAll(culprits);
            }
        }
    }

    private static final int OUT_OF_BUDGET = -1;

    Result run() {
        Map<PkgName, Integer> decided = new LinkedHashMap<>();
        IncrementalClosure closure = encoding.newClosure();
        List<Frame> stack = new ArrayList<>();
        Frame current = null;
        while (true) {
            if (current == null) {
                PkgName first = closure.firstPending();
                if (first == null) {
                    return new Result(decided, true, trials, stack.stream().map(f -> f.requestedBy).toList(),
                            closure);
                }
                current = new Frame(first, encoding.whyNeeded(first, decided));
            }
            int chosen = next(current, decided);
            if (chosen == OUT_OF_BUDGET) {
                return new Result(decided, false, trials, List.of(), null);
            }
            if (chosen != 0) {
                current.requestedBy = closure.requestedBy(current.name);
                decided.put(current.name, chosen);
                closure.decide(current.name, chosen);
                stack.add(current);
                current = null;
                continue;
            }
            // no candidate left: back to the latest decision that caused it
            int target = -1;
            if (current.unknown) {
                target = stack.size() - 1;
            } else {
                for (int level = stack.size() - 1; level >= 0; level--) {
                    if (current.conflict.contains(stack.get(level).name)) {
                        target = level;
                        break;
                    }
                }
            }
            if (target < 0) {
                // nothing decided can change it: no solution as far as the walk can tell
                return new Result(decided, false, trials, List.of(), null);
            }
            Frame back = stack.get(target);
            back.unknown |= current.unknown;
            back.conflict.addAll(current.conflict);
            back.conflict.remove(back.name);
            while (stack.size() > target) {
                PkgName undone = stack.remove(stack.size() - 1).name;
                decided.remove(undone);
                closure.undecide(undone);
            }
            current = back;
        }
    }

    /** The next candidate of the frame's package that nothing decided objects to, 0 if none is left. */
    private int next(Frame f, Map<PkgName, Integer> decided) {
        while (true) {
            boolean reread = false;
            for (CandidateInfoView c : encoding.ranked(f.name)) {
                if (f.tried.contains(c.var())) {
                    continue;
                }
                if (c.source() instanceof Source.Embedded && encoding.readRemainingVersions(f.name)) {
                    // every real build ranks above an embedded copy, read or not
                    reread = true;
                    break;
                }
                f.tried.add(c.var());
                if (++trials > budget) {
                    return OUT_OF_BUDGET;
                }
                Objection o = encoding.objection(c.var(), decided);
                if (o == null) {
                    return c.var();
                }
                f.absorb(o.culprits());
            }
            if (!reread && !encoding.readRemainingVersions(f.name)) {
                return 0;
            }
        }
    }
}
