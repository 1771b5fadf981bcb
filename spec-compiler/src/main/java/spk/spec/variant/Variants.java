package spk.spec.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.Opt;
import spk.spec.model.Recipe;
import spk.spec.model.VariantSpec;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/** Turns a recipe's {@code build.variants} into the variants it builds. */
public final class Variants {
    private Variants() {}

    /**
     * The recipe's variants; without any, the one default variant: every var option that has a
     * default, with {@code given} values replacing defaults.
     */
    public static List<ResolvedVariant> of(Recipe recipe, OptionMap given) {
        List<VariantSpec> specs = recipe.build().variants();
        if (specs.isEmpty()) {
            return List.of(defaultVariant(recipe.build().options(), given));
        }
        List<ResolvedVariant> out = new ArrayList<>();
        for (VariantSpec s : specs) {
            out.add(resolve(s, recipe.build().options()));
        }
        return out;
    }

    static ResolvedVariant defaultVariant(List<Opt> options, OptionMap given) {
        TreeMap<String, String> values = new TreeMap<>();
        for (Opt o : options) {
            if (o instanceof Opt.Var v && !v.defaultValue().isEmpty()) {
                values.put(v.var().value(), given.get(v.var().value()).orElse(v.defaultValue()));
            }
        }
        return new ResolvedVariant(new OptionMap(values), List.of());
    }

    /**
     * Reads one variant as SPK does: a key naming a build option sets its value; a key with
     * components is a pkg request; an unknown valid package name whose value is a version range
     * is a pkg request, anything else a var request.
     */
    public static ResolvedVariant resolve(VariantSpec spec, List<Opt> buildOptions) {
        TreeMap<String, String> options = new TreeMap<>();
        Map<String, Request> requirements = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : spec.entries().entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            int colon = key.indexOf(':');
            String name = colon < 0 ? key : key.substring(0, colon);
            if (colon >= 0) {
                RangeIdent ident = RangeIdent.parse(key);
                VersionFilter range = rangeOrFail(name, value);
                options.put(name, value);
                requirements.put(name, PkgRequest.of(new RangeIdent(Optional.empty(), ident.name(),
                        new TreeSet<Component>(ident.components()), range, Optional.empty())));
                continue;
            }
            OptName opt = OptName.parse(name);
            options.put(opt.value(), value);
            if (buildOptions.stream().anyMatch(o -> o.fullName().equals(opt))) {
                continue;
            }
            if (PkgName.isValid(name)) {
                Optional<VersionFilter> range = tryRange(value);
                if (range.isPresent()) {
                    requirements.put(name, PkgRequest.of(new RangeIdent(Optional.empty(), PkgName.parse(name),
                            new TreeSet<>(), range.get(), Optional.empty())));
                    continue;
                }
            }
            requirements.put(name, VarRequest.of(opt, value));
        }
        return new ResolvedVariant(new OptionMap(options), List.copyOf(requirements.values()));
    }

    private static VersionFilter rangeOrFail(String name, String value) {
        return tryRange(value).orElseThrow(() -> new BuildInputException("invalid-option-value",
                "invalid version range for package '" + name + "': " + value));
    }

    private static Optional<VersionFilter> tryRange(String value) {
        try {
            return Optional.of(VersionFilter.parse(value));
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Records an error for each variant that repeats an earlier one, and for unreadable variants. */
    public static void checkDistinct(Recipe recipe, YamlNode variantsNode, Problems problems) {
        List<YamlNode> nodes = variantsNode.items();
        List<VariantSpec> specs = recipe.build().variants();
        Map<ResolvedVariant, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < specs.size() && i < nodes.size(); i++) {
            YamlNode node = nodes.get(i);
            ResolvedVariant v;
            try {
                v = resolve(specs.get(i), recipe.build().options());
            } catch (InvalidSyntaxException | BuildInputException | IllegalArgumentException e) {
                problems.add(node.problem(e.getMessage()).problem());
                continue;
            }
            Integer first = seen.putIfAbsent(v, i);
            if (first != null) {
                problems.add(node.problem("Multiple variants would produce the same build: variant " + i
                        + " repeats variant " + first).problem());
            }
        }
    }
}
