package spk.solver.explain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spk.constraint.ConstraintModel;
import spk.constraint.Group;

/**
 * The groups a model satisfies: those it makes true, and those it leaves false whose clauses it
 * meets all the same through other literals, so that switching them on keeps it a model. A
 * satisfiable check thereby shows that a larger set of groups can hold than the one it asked
 * about, which answers later checks without a SAT call.
 */
final class HeldGroups {
    private final ConstraintModel model;
    /** Group selector variable → its position in {@link ConstraintModel#groups()}. */
    private final Map<Integer, Integer> indexOfVar = new HashMap<>();
    /** Per group position, the clauses that mention its selector negated (the ones it guards). */
    private final List<List<int[]>> guarded = new ArrayList<>();
    /** Groups whose selector occurs in an at-most-one: never switched on here (none do today). */
    private final BitSet inAtMostOne = new BitSet();
    private int scannedClauses;
    private int scannedAtMostOnes;

    HeldGroups(ConstraintModel model) {
        this.model = model;
    }

    /**
     * The positions (in the model's groups) of the groups that hold in {@code values}, a model
     * of the clauses as they are now.
     */
    BitSet in(boolean[] values) {
        catchUp();
        BitSet held = new BitSet();
        List<Group> groups = model.groups();
        for (int i = 0; i < groups.size(); i++) {
            int g = groups.get(i).id();
            if (isTrue(values, g) || (!inAtMostOne.get(i) && metWithout(guarded.get(i), values))) {
                held.set(i);
            }
        }
        return held;
    }

    /**
     * Whether each clause holds through a literal that stays true when false groups are switched
     * on: any true literal except a negated group selector (that group may be switched on too).
     */
    private boolean metWithout(List<int[]> clauses, boolean[] values) {
        for (int[] clause : clauses) {
            boolean met = false;
            for (int lit : clause) {
                if (lit < 0 && indexOfVar.containsKey(-lit)) {
                    continue;
                }
                if (lit > 0 ? isTrue(values, lit) : !isTrue(values, -lit)) {
                    met = true;
                    break;
                }
            }
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTrue(boolean[] values, int var) {
        return var < values.length && values[var];
    }

    /** Indexes the groups, clauses and at-most-ones added since the last call. */
    private void catchUp() {
        List<Group> groups = model.groups();
        for (int i = guarded.size(); i < groups.size(); i++) {
            indexOfVar.put(groups.get(i).id(), i);
            guarded.add(new ArrayList<>(2));
        }
        for (; scannedClauses < model.clauseCount(); scannedClauses++) {
            int[] clause = model.clause(scannedClauses);
            for (int lit : clause) {
                Integer i = lit < 0 ? indexOfVar.get(-lit) : null;
                if (i != null) {
                    guarded.get(i).add(clause);
                }
            }
        }
        for (; scannedAtMostOnes < model.atMostOneCount(); scannedAtMostOnes++) {
            for (int lit : model.atMostOne(scannedAtMostOnes)) {
                Integer i = indexOfVar.get(Math.abs(lit));
                if (i != null) {
                    inAtMostOne.set(i);
                }
            }
        }
    }
}
