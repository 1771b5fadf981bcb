package spk.solver.backend;

import java.util.Arrays;
import org.sat4j.core.LiteralsUtils;
import org.sat4j.minisat.core.IPhaseSelectionStrategy;

/**
 * Sat4j's decision polarity: variables decide false unless hinted true. Hinting the candidates
 * of the last solution (or of a greedy first guess) makes the solver walk straight back to it,
 * so it only chooses (and the encoding only grows) where something really changed.
 */
final class HintedPhases implements IPhaseSelectionStrategy {
    private static final long serialVersionUID = 1L;

    private boolean[] preferTrue = new boolean[1024];

    void set(boolean[] hints) {
        if (hints.length > preferTrue.length) {
            preferTrue = new boolean[hints.length];
        } else {
            Arrays.fill(preferTrue, false);
        }
        System.arraycopy(hints, 0, preferTrue, 0, hints.length);
    }

    /** True if the hints ask for variable {@code var} true. */
    boolean hinted(int var) {
        return var < preferTrue.length && preferTrue[var];
    }

    @Override
    public int select(int var) {
        return var < preferTrue.length && preferTrue[var] ? LiteralsUtils.posLit(var) : LiteralsUtils.negLit(var);
    }

    @Override
    public void init(int nlength) {
        if (nlength > preferTrue.length) {
            preferTrue = Arrays.copyOf(preferTrue, nlength);
        }
    }

    @Override
    public void init(int var, int p) {
        // polarity comes from the hints only
    }

    @Override
    public void updateVar(int p) {
        // no phase saving: the hints are the memory
    }

    @Override
    public void assignLiteral(int p) {
        // no phase saving
    }

    @Override
    public void updateVarAtDecisionLevel(int q) {
        // no phase saving
    }
}
