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
    /**
     * Per guided package, whether every candidate was last seen false: it stays so until one is
     * unassigned (see {@link #undo}), so the scan skips it without looking at its candidates
     * again (a package ruled out entirely, such as python under an old platform pin, has a
     * hundred).
     */
    private transient boolean[] exhausted = new boolean[0];
    /** Candidate variable → the index of its package in the guide, -1 for other variables. */
    private transient int[] packageOfVar = new int[0];
    /**
     * Per guided package, how many of its need literals hold, kept by the solver's assignments
     * ({@link #assignLiteral}) and undos: a package is needed when one does, and most packages
     * have many (a variable per distinct request), which the scan no longer reads per decision.
     */
    private transient int[] needsHeld = new int[0];
    /** Internal need literal → the packages it makes needed; and whether it is counted as held. */
    private transient int[][] packagesOfNeed = new int[0][];
    private transient boolean[] counted = new boolean[0];
    /** Whether the counts were taken from the assignment since the last guide. */
    private transient boolean counting;
    /**
     * No package before this one needs a decision: none was needed with an open candidate at the
     * last scan, and since then none became needed (a need literal assigned) or got a candidate
     * back (an undo). The scan starts here, so a run of decisions past the guided packages does
     * not read them all again each time.
     */
    private transient int scanFrom;

    void guide(DecisionGuide g) {
        this.guide = g;
        this.chosenSeen = new int[g.packages().size()];
        this.exhausted = new boolean[g.packages().size()];
        int maxVar = 0;
        for (DecisionGuide.Guided p : g.packages()) {
            for (int c : p.candidatesBestFirst()) {
                maxVar = Math.max(maxVar, c);
            }
        }
        packageOfVar = new int[maxVar + 1];
        java.util.Arrays.fill(packageOfVar, -1);
        for (int i = 0; i < g.packages().size(); i++) {
            for (int c : g.packages().get(i).candidatesBestFirst()) {
                packageOfVar[c] = i;
            }
        }
        int maxLit = 0;
        for (DecisionGuide.Guided p : g.packages()) {
            for (int n : p.needs()) {
                maxLit = Math.max(maxLit, LiteralsUtils.toInternal(n));
            }
        }
        int[] perLit = new int[maxLit + 1];
        for (DecisionGuide.Guided p : g.packages()) {
            for (int n : p.needs()) {
                perLit[LiteralsUtils.toInternal(n)]++;
            }
        }
        packagesOfNeed = new int[maxLit + 1][];
        for (int i = 0; i < g.packages().size(); i++) {
            for (int n : g.packages().get(i).needs()) {
                int lit = LiteralsUtils.toInternal(n);
                if (packagesOfNeed[lit] == null) {
                    packagesOfNeed[lit] = new int[perLit[lit]];
                    perLit[lit] = 0;
                }
                packagesOfNeed[lit][perLit[lit]++] = i;
            }
        }
        needsHeld = new int[g.packages().size()];
        counted = new boolean[maxLit + 1];
        counting = false;
        scanFrom = 0;
    }

    /**
     * Counts the need literals that hold now: at the first decision after a guide, when every
     * literal assigned so far has been propagated (those propagated later arrive through
     * {@link #assignLiteral}).
     */
    private void startCounting() {
        int nVars = vocabulary.nVars();
        for (int lit = 2; lit < packagesOfNeed.length; lit++) {
            if (packagesOfNeed[lit] != null && (lit >> 1) <= nVars && vocabulary.isSatisfied(lit)) {
                held(lit);
            }
        }
        counting = true;
    }

    private void held(int lit) {
        if (!counted[lit]) {
            counted[lit] = true;
            for (int i : packagesOfNeed[lit]) {
                needsHeld[i]++;
                scanFrom = Math.min(scanFrom, i);
            }
        }
    }

    private void released(int lit) {
        if (lit < counted.length && counted[lit]) {
            counted[lit] = false;
            for (int i : packagesOfNeed[lit]) {
                needsHeld[i]--;
            }
        }
    }

    @Override
    public void assignLiteral(int p) {
        super.assignLiteral(p);
        if (counting && p < packagesOfNeed.length && packagesOfNeed[p] != null) {
            held(p);
        }
    }

    @Override
    public void undo(int var) {
        super.undo(var);
        if (var < packageOfVar.length && packageOfVar[var] >= 0) {
            exhausted[packageOfVar[var]] = false;
            scanFrom = Math.min(scanFrom, packageOfVar[var]);
        }
        released(var << 1);
        released(var << 1 | 1);
    }

    @Override
    public void setLits(ILits lits) {
        super.setLits(lits);
        this.vocabulary = lits;
    }

    @Override
    public int select() {
        int nVars = vocabulary.nVars();
        if (!counting) {
            startCounting();
        }
        java.util.List<DecisionGuide.Guided> packages = guide.packages();
        for (int i = scanFrom; i < packages.size(); i++) {
            scanFrom = i;
            if (needsHeld[i] == 0 || exhausted[i] || chosenSeen[i] != 0 && vocabulary.isSatisfied(chosenSeen[i])) {
                continue;
            }
            DecisionGuide.Guided p = packages.get(i);
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
            exhausted[i] = !chosen;
        }
        scanFrom = packages.size();
        return super.select();
    }
}
