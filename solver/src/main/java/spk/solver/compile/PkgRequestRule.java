package spk.solver.compile;

import spk.grammar.build.Build;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.Compatibility;
import spk.grammar.request.PkgRequest;
import spk.solver.Source;
import spk.spec.model.PackageSpec;

/** SPK's PkgRequestValidator: does a build satisfy a package request. */
final class PkgRequestRule {
    private PkgRequestRule() {}

    /**
     * Whether candidate {@code c} satisfies request {@code r}, ignoring pre-release policy and
     * deprecation (their own rules): source builds only for {@code /src} requests, the named build
     * and repository, the version range under the candidate's compat, then the components
     * ({@link ComponentsRule}) and {@code required} vars ({@link RequiredVarsRule}).
     */
    static Compatibility check(SharedRequest r, CandidateInfo c) {
        PkgRequest req = r.request;
        PackageSpec spec = c.spec;
        boolean candidateIsSrc = spec.pkg().build().isSource();
        boolean wantsSrc = req.pkg().build().map(Build::isSource).orElse(false);
        if (candidateIsSrc && !wantsSrc) {
            return Compatibility.incompatible("a source package only satisfies requests for /src");
        }
        if (wantsSrc && !candidateIsSrc) {
            return Compatibility.incompatible("only the source package satisfies a request for /src");
        }
        if (req.pkg().build().isPresent() && !wantsSrc) {
            if (c.source instanceof Source.BuildFromSource || !req.pkg().build().get().equals(spec.pkg().build())) {
                return Compatibility.incompatible("the request names build " + req.pkg().build().get());
            }
        }
        if (req.pkg().repository().isPresent()) {
            String repo = req.pkg().repository().get().value();
            if (!(c.source instanceof Source.Repository sr) || !sr.name().equals(repo)) {
                return Compatibility.incompatible("the request wants it from repository " + repo);
            }
        }
        Compatibility version = req.pkg().version().isSatisfiedBy(spec.pkg().version(), spec.compat(),
                CompatRule.BINARY);
        if (!version.isOk()) {
            return version;
        }
        if (!candidateIsSrc) {
            Compatibility components = ComponentsRule.check(r, c);
            if (!components.isOk()) {
                return components;
            }
        }
        return RequiredVarsRule.check(r, c);
    }
}
