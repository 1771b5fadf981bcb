package spk.spec.variant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import spk.grammar.build.Build;
import spk.grammar.build.BuildDigest;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.Inheritance;
import spk.spec.model.Opt;
import spk.spec.model.Recipe;

/**
 * The build options of one variant of a recipe, their resolved values and its build digest
 * (SPK's build digest): recipe options, then options the variant adds, then host vars.
 */
public final class VariantOptions {
    private VariantOptions() {}

    /** The recipe's options plus those the variant adds or extends, plus the auto host vars. */
    public static List<Opt> optsFor(Recipe recipe, ResolvedVariant variant, HostOptions host) {
        List<Opt> opts = new ArrayList<>(recipe.build().options());
        Map<OptName, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < opts.size(); i++) {
            index.put(opts.get(i).fullName(), i);
        }
        for (Request r : variant.additionalRequirements()) {
            Opt added = asOpt(r);
            Integer at = index.get(added.fullName());
            if (at == null) {
                index.put(added.fullName(), opts.size());
                opts.add(added);
            } else if (opts.get(at) instanceof Opt.Pkg existing && added instanceof Opt.Pkg extra) {
                // the variant widens the components and replaces the default range
                TreeSet<Component> comps = new TreeSet<>(existing.components());
                comps.addAll(extra.components());
                opts.set(at, new Opt.Pkg(existing.pkg(), comps, extra.defaultRange(), existing.prereleasePolicy(),
                        existing.staticValue()));
            }
        }
        for (Opt h : host.autoVars(recipe.build().autoHostVars())) {
            if (!index.containsKey(h.fullName())) {
                index.put(h.fullName(), opts.size());
                opts.add(h);
            }
        }
        return opts;
    }

    private static Opt asOpt(Request r) {
        if (r instanceof PkgRequest p) {
            return new Opt.Pkg(p.pkg().name(), p.pkg().components(), p.pkg().version().toString(),
                    p.prereleasePolicy(), Optional.empty());
        }
        VarRequest v = (VarRequest) r;
        return new Opt.Var(v.var(), v.value(), List.of(), Inheritance.WEAK, v.description(), Optional.empty(), false,
                Optional.empty());
    }

    /**
     * The value of every option, from {@code given} (variant values with command-line values
     * on top): {@code pkg.opt} then {@code opt} for plain options, the full then the bare name
     * for namespaced ones. Fails when a value breaks an option's choices or static value.
     */
    public static OptionMap resolve(PkgName pkg, List<Opt> opts, OptionMap given) {
        TreeMap<String, String> out = new TreeMap<>();
        for (Opt o : opts) {
            Optional<String> givenValue = lookup(pkg, o.fullName(), given);
            String value = o.value(givenValue);
            if (o instanceof Opt.Var v) {
                if (v.staticValue().isPresent() && !v.staticValue().get().isEmpty() && givenValue.isPresent()
                        && !givenValue.get().equals(v.staticValue().get())) {
                    // a static option keeps its value; a different given value is simply not used
                    value = v.staticValue().get();
                }
                if (!v.choices().isEmpty() && !value.isEmpty() && !v.choices().contains(value)) {
                    throw new BuildInputException("invalid-option-value", "invalid value '" + value + "' for option '" + v.var()
                            + "', must be one of " + v.choices());
                }
            }
            out.put(o.fullName().value(), value);
        }
        return new OptionMap(out);
    }

    static Optional<String> lookup(PkgName pkg, OptName name, OptionMap given) {
        if (name.namespace().isPresent()) {
            return given.get(name.value()).or(() -> given.get(name.base()));
        }
        return given.get(pkg.value() + "." + name.value()).or(() -> given.get(name.value()));
    }

    /** The build digest of this variant, computed from the recipe's unrendered options. */
    public static Build.Digest digest(Recipe recipe, ResolvedVariant variant, OptionMap given, HostOptions host) {
        List<Opt> opts = optsFor(recipe, variant, host);
        OptionMap resolved = resolve(recipe.pkg().name(), opts, variant.options().with(given));
        Map<PkgName, Set<Component>> components = new HashMap<>();
        for (Opt o : opts) {
            if (o instanceof Opt.Pkg p) {
                components.put(p.pkg(), p.components());
            }
        }
        return BuildDigest.compute(resolved, components);
    }
}
