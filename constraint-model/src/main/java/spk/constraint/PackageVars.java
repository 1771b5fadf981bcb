package spk.constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The candidates of one package, of which at most one is chosen. Candidates may be added at
 * any time: each flush writes a native at-most-one constraint over all candidates so far (the
 * earlier, smaller ones become redundant), and {@link #anyVar()} stays exactly "some candidate
 * is chosen" through a {@link GrowingOr}.
 */
public final class PackageVars implements ConstraintModel.Deferred {
    private final ConstraintModel model;
    private final String name;
    private final List<Candidate> candidates = new ArrayList<>();
    private final int anyVar;
    private final GrowingOr someCandidate;
    private int coveredByAtMostOne;

    PackageVars(ConstraintModel model, String name) {
        this.model = model;
        this.name = name;
        this.anyVar = model.newVar("some candidate of " + name);
        this.someCandidate = model.growingOr(anyVar, "a candidate of " + name, this);
    }

    public String name() {
        return name;
    }

    /** True exactly when one of the candidates is chosen. */
    public int anyVar() {
        return anyVar;
    }

    /** Adds a candidate variable. */
    public Candidate addCandidate(String label) {
        int var = model.newVar(label);
        Candidate c = new Candidate(name, var, label);
        model.addImplication(var, anyVar);
        someCandidate.add(var);
        candidates.add(c);
        model.deferred(this);
        return c;
    }

    @Override
    public void flush() {
        if (coveredByAtMostOne < candidates.size()) {
            coveredByAtMostOne = candidates.size();
            if (candidates.size() > 1) {
                model.addAtMostOne(candidates.stream().mapToInt(Candidate::var).toArray());
            }
        }
    }

    /** Declares that no candidate will be added any more. */
    public void close() {
        someCandidate.close();
        flush();
    }

    /** The candidates in the order they were added. */
    public List<Candidate> candidates() {
        return Collections.unmodifiableList(candidates);
    }
}
