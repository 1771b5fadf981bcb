package spk.spec.variant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.option.OptionMap;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.Opt;
import spk.spec.model.Recipe;

/**
 * What the build environment of one variant of a recipe must hold (SPK's build requirements):
 * each pkg option becomes a request for that package (its {@code build} component unless the
 * option names components) with the option's value as the range, and each var option with a
 * non-empty value a var request for that value.
 */
public final class BuildRequirements {
    private BuildRequirements() {}

    /** @param given option values (command line, host) on top of the variant's */
    public static List<Request> of(Recipe recipe, ResolvedVariant variant, OptionMap given, HostOptions host) {
        List<Opt> opts = VariantOptions.optsFor(recipe, variant, host);
        OptionMap values = VariantOptions.resolve(recipe.pkg().name(), opts, variant.options().with(given));
        List<Request> out = new ArrayList<>();
        for (Opt o : opts) {
            String value = values.get(o.fullName().value()).orElse("");
            if (o instanceof Opt.Pkg p) {
                TreeSet<Component> components = new TreeSet<>(p.components());
                if (components.isEmpty()) {
                    components.add(Component.BUILD);
                }
                VersionFilter range = value.isEmpty() ? VersionFilter.ANY : VersionFilter.parse(value);
                RangeIdent ident = new RangeIdent(Optional.empty(), p.pkg(), components, range, Optional.empty());
                out.add(new PkgRequest(ident, p.prereleasePolicy(), InclusionPolicy.ALWAYS, Optional.empty(), false));
            } else if (o instanceof Opt.Var v && !value.isEmpty()) {
                out.add(VarRequest.of(v.var(), value));
            }
        }
        return out;
    }
}
