package spk.solver.compile;

import spk.constraint.Group;
import spk.grammar.request.VarRequest;

/**
 * A var request in force when its activation literal holds: from the options or command line,
 * or a var requirement of a chosen candidate ({@code owner}).
 */
final class VarRequestInfo {
    final VarRequest request;
    final int activation;
    final Group group;
    final String requestedBy;
    final CandidateInfo owner;
    /** True for the command line's and for a build's install requirements (not a component's). */
    final boolean installLevel;
    /** "Some request in force sets this value" ({@link OptionRules}), 0 when it sets no value. */
    int valueVar;
    /** "Some request in force names pkg.var" for a qualified request, else 0. */
    int flagVar;

    VarRequestInfo(VarRequest request, int activation, Group group, String requestedBy, CandidateInfo owner,
            boolean installLevel) {
        this.request = request;
        this.activation = activation;
        this.group = group;
        this.requestedBy = requestedBy;
        this.owner = owner;
        this.installLevel = installLevel;
    }

    @Override
    public String toString() {
        return request + " (" + requestedBy + ")";
    }
}
