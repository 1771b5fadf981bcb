package spk.solver.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.grammar.name.PkgName;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
/**
 * Why builds were ruled out, kept for the decision log and explanations: per request, per value
 * variable (a var request's value, or a qualified name some request uses), the candidates it
 * rules out and the reason a user sees (the acceptance rule's message).
 */
final class Rejections {
    private final EncodingState st;
    private OptionRules options;
    private final Map<Integer, Map<CandidateInfo, String>> valueRejections = new HashMap<>();

    Rejections(EncodingState st) {
        this.st = st;
    }

    /** The option rules whose value variables the reasons refer to (they are made after this). */
    void options(OptionRules o) {
        this.options = o;
    }

    /** Request {@code r} (every request of its text) rules out {@code c} for {@code why}. */
    void reject(SharedRequest r, CandidateInfo c, String why) {
        r.rejected.put(c, why);
        c.rejectedBy.add(Map.entry(r, why));
        st.trace.rejected(c.spec.pkg().name().value(), why, r.members::size);
    }

    /** Value variable {@code var} rules out {@code c} for {@code why}. */
    void rejectValue(int var, CandidateInfo c, String why) {
        valueRejections.computeIfAbsent(var, k -> new LinkedHashMap<>()).put(c, why);
        c.rejectedBy.add(Map.entry(var, why));
        c.valueRejected = true;
        st.trace.rejected(c.spec.pkg().name().value(), why);
    }

    /** Why request {@code r} rules out {@code c}, or null. */
    String reasonOf(RequestInfo r, CandidateInfo c) {
        return r.shared.rejected.get(c);
    }

    /** Why value variable {@code var} rules out {@code c}, or null. */
    String valueReasonOf(int var, CandidateInfo c) {
        return valueRejections.getOrDefault(var, Map.of()).get(c);
    }

    /** Why a request rules out candidates of its package (static reasons, in candidate order). */
    Map<String, String> rejectionsOf(int groupId) {
        Map<String, String> out = new LinkedHashMap<>();
        RequestInfo r = st.requestsByGroup.get(groupId);
        if (r != null) {
            r.shared.rejected.forEach((c, why) -> out.put(c.label(), why));
        }
        VarRequestInfo v = st.varRequestsByGroup.get(groupId);
        Integer valueVar = v == null ? null : options.valueVarOf(v);
        if (valueVar != null) {
            valueRejections.getOrDefault(valueVar, Map.of()).forEach((c, why) -> out.put(c.label(), why));
        }
        return out;
    }

    /**
     * Why candidate {@code var} was ruled out by the requests in force in a model (in the order
     * the requests were made), then by the option values set, if statically known.
     */
    List<String> reasonsAgainst(int candidateVar, boolean[] values) {
        CandidateInfo c = st.byVar.get(candidateVar);
        java.util.TreeMap<Integer, String> byRequest = new java.util.TreeMap<>();
        for (Map.Entry<Object, String> e : c.rejectedBy) {
            if (e.getKey() instanceof SharedRequest s) {
                for (RequestInfo r : s.members) {
                    if (r.active(values)) {
                        byRequest.put(r.seq, e.getValue() + " (" + r.request + ", requested by " + r.requestedBy + ")");
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(byRequest.values());
        for (Map.Entry<Object, String> e : c.rejectedBy) {
            if (e.getKey() instanceof Integer var && EncodingState.isTrue(values, var)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * A reason a candidate can never be used, whatever else is chosen: an install requirement
     * that no version in any repository meets; null when there is none or it is not certain
     * (the package may come embedded, or be built from a recipe).
     */
    String unmeetableRequirement(int candidateVar) {
        CandidateInfo c = st.byVar.get(candidateVar);
        if (c == null || st.solve.allowBuilds()) {
            return null;
        }
        for (Request r : c.spec.install().requirements()) {
            if (!(r instanceof PkgRequest p) || p.inclusionPolicy() != InclusionPolicy.ALWAYS) {
                continue;
            }
            PkgName name = p.pkg().name();
            boolean known = false;
            boolean met = false;
            for (PackageRepository repo : st.solve.repositories()) {
                if (!repo.embeddedBy(name).isEmpty()) {
                    return null;
                }
                for (Version v : repo.versions(name)) {
                    known = true;
                    if (p.isVersionApplicable(v).isOk()) {
                        met = true;
                        break;
                    }
                }
            }
            if (!met) {
                return "requires " + p + (known ? ", which no version of " + name + " satisfies"
                        : ", and no repository has " + name);
            }
        }
        return null;
    }

}
