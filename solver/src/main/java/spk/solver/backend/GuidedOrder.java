package spk.solver.backend;

import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.ILits;
import org.sat4j.minisat.orders.VarOrderHeap;

/**
 * Sat4j's decision heuristic following a {@link DecisionGuide}: the next decision is the best
 * open candidate of the first needed package without one; only when no package waits does the
 * usual activity order decide the rest (false first). This is the preference order SPK's own
 * solvers walk, inside a CDCL search that learns from conflicts.
 */
final class GuidedOrder extends VarOrderHeap {
    private static final long serialVersionUID = 1L;

    private transient DecisionGuide guide = new DecisionGuide(java.util.List.of());
    private transient ILits vocabulary;

    GuidedOrder(HintedPhases phases) {
        super(phases);
    }

    /** Per guided package, the candidate literal last seen chosen: most stay chosen, so one check skips them. */
    private transient int[] chosenSeen = new int[0];

    void guide(DecisionGuide g) {
        this.guide = g;
        this.chosenSeen = new int[g.packages().size()];
    }

    @Override
    public void setLits(ILits lits) {
        super.setLits(lits);
        this.vocabulary = lits;
    }

    @Override
    public int select() {
        int nVars = vocabulary.nVars();
        java.util.List<DecisionGuide.Guided> packages = guide.packages();
        for (int i = 0; i < packages.size(); i++) {
            if (chosenSeen[i] != 0 && vocabulary.isSatisfied(chosenSeen[i])) {
                continue;
            }
            DecisionGuide.Guided p = packages.get(i);
            boolean needed = false;
            for (int need : p.needs()) {
                if (Math.abs(need) <= nVars && vocabulary.isSatisfied(LiteralsUtils.toInternal(need))) {
                    needed = true;
                    break;
                }
            }
            if (!needed) {
                continue;
            }
            int open = 0;
            boolean chosen = false;
            for (int c : p.candidatesBestFirst()) {
                if (c > nVars) {
                    continue;
                }
                int lit = LiteralsUtils.toInternal(c);
                if (vocabulary.isSatisfied(lit)) {
                    chosen = true;
                    chosenSeen[i] = lit;
                    break;
                }
                if (open == 0 && vocabulary.isUnassigned(lit)) {
                    open = lit;
                }
            }
            if (!chosen && open != 0) {
                return open;
            }
        }
        return super.select();
    }
}
