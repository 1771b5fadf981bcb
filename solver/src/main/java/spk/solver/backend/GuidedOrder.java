package spk.solver.backend;

import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.ILits;
import org.sat4j.minisat.orders.VarOrderHeap;

/**
 * Sat4j's decision heuristic following a {@link DecisionGuide}: the next decision is, for the
 * first needed package without a candidate, the hinted candidate if it is still open, else its
 * best open candidate; only when no package waits does the usual activity order decide the rest
 * (false first). This is the preference order SPK's own solvers walk, inside a CDCL search that
 * learns from conflicts; the hints (the walk's or the last model's choices) make it find its way
 * back to a known model at once.
 */
final class GuidedOrder extends VarOrderHeap {
    private static final long serialVersionUID = 1L;

    private transient DecisionGuide guide = new DecisionGuide(java.util.List.of());
    private transient ILits vocabulary;

    private final HintedPhases hints;

    GuidedOrder(HintedPhases phases) {
        super(phases);
        this.hints = phases;
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
            int hinted = 0;
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
                if (vocabulary.isUnassigned(lit)) {
                    if (open == 0) {
                        open = lit;
                    }
                    if (hinted == 0 && hints.hinted(c)) {
                        hinted = lit;
                    }
                }
            }
            if (!chosen && hinted != 0) {
                // the candidate of the last model (or of the walk): most of a model stays as it was
                return hinted;
            }
            if (!chosen && open != 0) {
                return open;
            }
        }
        return super.select();
    }
}
