package spk.solver.compile;

import java.util.Optional;
import spk.grammar.compat.Compatibility;
import spk.grammar.name.OptName;
import spk.spec.model.Opt;

/**
 * SPK's rule for {@code required: true} var options (part of its PkgRequestValidator): such a
 * build can only be chosen by a request that itself carries a complete value for
 * {@code pkg.var}, equal to the build's; a top-level var request is not enough.
 */
final class RequiredVarsRule {
    private RequiredVarsRule() {}

    /** {@code required: true} vars: the request itself must carry {@code pkg.var} with the build's value. */
    static Compatibility check(SharedRequest r, CandidateInfo c) {
        for (Opt o : c.spec.options()) {
            if (o instanceof Opt.Var v && v.required()) {
                String value = v.staticValue().orElse("");
                OptName full = v.var().namespace().isPresent() ? v.var() : v.var().withNamespace(c.spec.pkg().name());
                Optional<String> carried = r.options.get(full.value());
                if (carried.isEmpty() || !carried.get().equals(value)) {
                    return Compatibility.incompatible("option " + full + " is required and the request must carry "
                            + full + "=" + value);
                }
            }
        }
        return Compatibility.COMPATIBLE;
    }
}
