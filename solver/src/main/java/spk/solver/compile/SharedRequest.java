package spk.solver.compile;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.constraint.GrowingOr;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;

/**
 * One distinct package request, however many builds make it: a thousand builds requiring
 * {@code python/~3.11.0} share one variable "a request for python/~3.11.0 is in force", one list
 * of satisfying candidates and one set of rejections, so each candidate of the package is
 * checked and linked once per distinct request rather than once per requirement.
 */
final class SharedRequest {
    /** What makes two requests the same: every field the acceptance rules read. */
    static String key(PkgRequest r, Component defaultComponent, OptionMap options) {
        return r.pkg().toSerialized() + '\u0000' + r.prereleasePolicy().map(Enum::name).orElse("")
                + '\u0000' + r.inclusionPolicy() + '\u0000' + r.pin().orElse("") + '\u0000' + r.ifPresentInBuildEnv()
                + '\u0000' + defaultComponent + '\u0000' + options.entries();
    }

    final PkgRequest request;
    final Component defaultComponent;
    final OptionMap options;
    /** True while some request of this text is in force (each member implies it). */
    final int var;
    final PackageState state;
    /** For requests that pull their package in: the candidates that satisfy it. */
    GrowingOr satisfiers;
    /** The requests of this text, in the order they were made. */
    final List<RequestInfo> members = new ArrayList<>();
    /** The components this request needs from each candidate, worked out once per candidate. */
    final Map<CandidateInfo, Set<Component>> componentsNeeded = new IdentityHashMap<>();
    /** The candidates it rules out and why, in the order the candidates were made. */
    final Map<CandidateInfo, String> rejected = new LinkedHashMap<>();

    SharedRequest(PkgRequest request, Component defaultComponent, OptionMap options, int var, PackageState state) {
        this.request = request;
        this.defaultComponent = defaultComponent;
        this.options = options;
        this.var = var;
        this.state = state;
    }

    boolean always() {
        return request.inclusionPolicy() == InclusionPolicy.ALWAYS;
    }

    @Override
    public String toString() {
        return request.toString();
    }
}
