package spk.solver.compile;

import spk.constraint.Group;
import spk.grammar.ident.Component;
import spk.grammar.request.PkgRequest;

/**
 * One package request, in force while its group is selected and (for a requirement) its owner
 * holds: an initial request, or a requirement of a candidate ({@code owner} is the candidate's
 * variable) or of one of its components ({@code owner} is the component's variable). What it
 * asks is encoded once for all requests of the same text ({@link SharedRequest}).
 */
final class RequestInfo {
    final PkgRequest request;
    final Group group;
    /** The candidate or component variable whose choice puts it in force; 0 for an initial request. */
    final int owner;
    /** The candidate it is a requirement of, or null for an initial request. */
    final CandidateInfo ownerCandidate;
    /** For a component's requirement: that component; null for install requirements and initial requests. */
    final Component component;
    final String requestedBy;
    final SharedRequest shared;
    /** Creation order among all requests of the solve. */
    final int seq;

    RequestInfo(PkgRequest request, Group group, int owner, CandidateInfo ownerCandidate, Component component,
            String requestedBy, SharedRequest shared, int seq) {
        this.request = request;
        this.group = group;
        this.owner = owner;
        this.ownerCandidate = ownerCandidate;
        this.component = component;
        this.requestedBy = requestedBy;
        this.shared = shared;
        this.seq = seq;
    }

    /** True if the request is in force in a model: its group and its owner hold. */
    boolean active(boolean[] values) {
        return EncodingState.isTrue(values, group.id()) && (owner == 0 || EncodingState.isTrue(values, owner));
    }

    @Override
    public String toString() {
        return request + " (" + requestedBy + ")";
    }
}
