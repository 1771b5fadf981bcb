package spk.solver.compile;

import java.util.Optional;
import spk.constraint.ConstraintModel;
import spk.grammar.request.PreReleasePolicy;

/**
 * SPK's pre-release rule (part of its PkgRequestValidator): a pre-release version needs a
 * request in force that includes pre-releases ({@code IncludeAll}), and none that excludes them
 * explicitly ({@code ExcludeAll}).
 */
final class PreReleaseRule {
    private PreReleaseRule() {}

    /** A pre-release candidate implies "some request in force allows pre-releases". */
    static void encode(ConstraintModel model, CandidateInfo c) {
        if (c.spec.pkg().version().isPreRelease()) {
            c.prereleaseAllowed = model.growingOr(c.var(), c.label() + " is a pre-release");
        }
    }

    /** Links a request with a pre-release candidate: it allows it, rules it out, or says nothing. */
    static void link(ConstraintModel model, Rejections rejections, SharedRequest r, CandidateInfo c) {
        if (c.prereleaseAllowed == null) {
            return;
        }
        Optional<PreReleasePolicy> p = r.request.prereleasePolicy();
        if (p.isPresent() && p.get() == PreReleasePolicy.INCLUDE_ALL) {
            c.prereleaseAllowed.add(r.var);
        } else if (p.isPresent()) {
            model.addClause(-r.var, -c.var());
            rejections.reject(r, c, "pre-releases are excluded");
        }
    }
}
