package spk.solver.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import spk.constraint.Candidate;
import spk.constraint.GrowingOr;
import spk.grammar.ident.Component;
import spk.solver.Source;
import spk.spec.model.PackageSpec;

/**
 * What the encoding knows of one candidate: its variable, spec, source, rank, a variable per
 * component ("this component is used"), the components it can provide, and whether its
 * requirements have been encoded yet.
 */
final class CandidateInfo {
    final Candidate candidate;
    final PackageSpec spec;
    final Source source;
    final RankKey rank;
    final Set<Component> available;
    final Map<Component, Integer> componentVars = new LinkedHashMap<>();
    /** For deprecated builds: some active request names this exact build. */
    GrowingOr namedExactly;
    /** For pre-release versions: some active request allows pre-releases. */
    GrowingOr prereleaseAllowed;
    boolean expanded;
    /** For an embedded copy: the candidate that carries it and the components holding it. */
    CandidateInfo parent;
    java.util.Set<Component> holders = java.util.Set.of();
    /** The package requirements of this candidate and its components, once expanded, in order. */
    final java.util.List<RequestInfo> requirements = new java.util.ArrayList<>();
    /** Of those, the install requirements (in force when the candidate is chosen). */
    final java.util.List<RequestInfo> installRequirements = new java.util.ArrayList<>();
    /** Of those, each component's own requirements (in force when the component is used). */
    final Map<Component, java.util.List<RequestInfo>> componentRequirements = new java.util.HashMap<>();
    /** Its install-level var requirements, once expanded, in order. */
    final java.util.List<VarRequestInfo> varRequirements = new java.util.ArrayList<>();
    /** Why requests ruled this candidate out: the request (or value variable) and the reason, in order. */
    final java.util.List<Map.Entry<Object, String>> rejectedBy = new java.util.ArrayList<>();
    /** Some option value ruled it out (among {@link #rejectedBy}): else no value check can object to it. */
    boolean valueRejected;

    CandidateInfo(Candidate candidate, PackageSpec spec, Source source, RankKey rank, Set<Component> available) {
        this.candidate = candidate;
        this.spec = spec;
        this.source = source;
        this.rank = rank;
        this.available = Set.copyOf(available);
    }

    int var() {
        return candidate.var();
    }

    /** Display form with the repository: {@code local/python/3.7.3/ABCDEFGH}. */
    String label() {
        return candidate.label();
    }

    @Override
    public String toString() {
        return label();
    }
}
