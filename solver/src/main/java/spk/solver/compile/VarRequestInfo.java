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

    VarRequestInfo(VarRequest request, int activation, Group group, String requestedBy, CandidateInfo owner) {
        this.request = request;
        this.activation = activation;
        this.group = group;
        this.requestedBy = requestedBy;
        this.owner = owner;
    }

    @Override
    public String toString() {
        return request + " (" + requestedBy + ")";
    }
}
