package spk.solver.compile;

import spk.constraint.Group;
import spk.constraint.GrowingOr;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;

/**
 * One package request in force when its activation literal holds: an initial request (active
 * when its group is) or a requirement of a candidate or of one of its components.
 */
final class RequestInfo {
    final PkgRequest request;
    final int activation;
    final Group group;
    final String requestedBy;
    final Component defaultComponent;
    final OptionMap options;
    /** For requests that pull their package in: the candidates that satisfy it. */
    GrowingOr satisfiers;
    /** The components this request needs from each candidate, worked out once per candidate. */
    final java.util.Map<CandidateInfo, java.util.Set<Component>> componentsNeeded = new java.util.IdentityHashMap<>();

    RequestInfo(PkgRequest request, int activation, Group group, String requestedBy, Component defaultComponent,
            OptionMap options) {
        this.request = request;
        this.activation = activation;
        this.group = group;
        this.requestedBy = requestedBy;
        this.defaultComponent = defaultComponent;
        this.options = options;
    }

    @Override
    public String toString() {
        return request + " (" + requestedBy + ")";
    }
}
