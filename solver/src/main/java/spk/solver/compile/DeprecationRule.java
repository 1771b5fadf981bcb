package spk.solver.compile;

import spk.constraint.ConstraintModel;

/**
 * SPK's DeprecationValidator: a deprecated build can only be chosen by a request that names
 * that exact build ({@code name/version/BUILD}). In the model, a deprecated candidate needs one
 * of the requests in force that name it, a disjunction that grows as such requests appear.
 */
final class DeprecationRule {
    private DeprecationRule() {}

    /** A deprecated candidate implies "some request in force names it exactly". */
    static void encode(ConstraintModel model, CandidateInfo c) {
        if (c.spec.deprecated()) {
            c.namedExactly = model.growingOr(c.var(), c.label() + " is deprecated and must be requested exactly");
        }
    }

    /** A request that names a deprecated candidate's exact build allows it while in force. */
    static void link(SharedRequest r, CandidateInfo c) {
        if (c.namedExactly != null && r.request.pkg().build().isPresent()
                && r.request.pkg().build().get().equals(c.spec.pkg().build())) {
            c.namedExactly.add(r.var);
        }
    }
}
