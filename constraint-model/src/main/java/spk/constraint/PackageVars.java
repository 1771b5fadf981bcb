package spk.constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The candidates of one package, of which at most one is chosen. Candidates may be added at
 * any time: the at-most-one constraint is a sequential encoding that grows by three clauses per
 * candidate, and {@link #anyVar()} stays exactly "some candidate is chosen" through a
 * {@link GrowingOr}.
 */
public final class PackageVars {
    private final ConstraintModel model;
    private final String name;
    private final List<Candidate> candidates = new ArrayList<>();
    private final int anyVar;
    private final GrowingOr someCandidate;
    private int lastPrefix;

    PackageVars(ConstraintModel model, String name) {
        this.model = model;
        this.name = name;
        this.anyVar = model.newVar("some candidate of " + name);
        this.someCandidate = model.growingOr(anyVar, "a candidate of " + name);
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
        int prefix = model.newVar("one of the first " + (candidates.size() + 1) + " candidates of " + name);
        model.addImplication(var, prefix);
        if (lastPrefix != 0) {
            model.addImplication(lastPrefix, prefix);
            model.addClause(-lastPrefix, -var);
        }
        lastPrefix = prefix;
        model.addImplication(var, anyVar);
        someCandidate.add(var);
        candidates.add(c);
        return c;
    }

    /** Declares that no candidate will be added any more. */
    public void close() {
        someCandidate.close();
    }

    /** The candidates in the order they were added. */
    public List<Candidate> candidates() {
        return Collections.unmodifiableList(candidates);
    }
}
