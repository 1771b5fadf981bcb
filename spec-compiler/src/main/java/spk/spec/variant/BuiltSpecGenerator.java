package spk.spec.variant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.grammar.build.Build;
import spk.grammar.ident.BuildIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.PinTemplate;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.request.VarSuppression;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.EnvOp;
import spk.spec.model.Inheritance;
import spk.spec.model.InstallSpec;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SourceSpec;

/**
 * Turns a recipe and one variant into the built package spec stored for that build
 * (SPK's generate_binary_build): options get fixed values (pkg options the {@code ~x.y.z} of the package resolved
 * into the build environment), {@code fromBuildEnv} pins are rendered, Strong vars of the build
 * environment are inherited, and the ident gets the variant's build digest.
 */
public final class BuiltSpecGenerator {
    private final HostOptions host;

    public BuiltSpecGenerator(HostOptions host) {
        this.host = host;
    }

    /**
     * @param given    option values from the command line (and host), on top of the variant's
     * @param buildEnv the packages resolved into the build environment
     * @param envVars  environment variables to expand in {@code install.environment} values
     */
    public PackageSpec generate(Recipe recipe, ResolvedVariant variant, OptionMap given, List<PackageSpec> buildEnv,
            Map<String, String> envVars) {
        Build.Digest digest = VariantOptions.digest(recipe, variant, given, host);
        OptionMap values = variant.options().with(given);
        Map<PkgName, PackageSpec> env = new LinkedHashMap<>();
        for (PackageSpec p : buildEnv) {
            env.put(p.pkg().name(), p);
        }
        List<Opt> opts = new ArrayList<>();
        for (Opt o : VariantOptions.optsFor(recipe, variant, host)) {
            opts.add(fix(o, recipe.pkg().name(), values, env));
        }
        Set<OptName> suppressed = new HashSet<>();
        for (Request r : recipe.install().requirements()) {
            if (r instanceof VarSuppression s) {
                suppressed.add(s.var());
            }
        }
        OptionMap fixed = optionValues(opts);
        List<Request> requirements = renderAll(recipe.install().requirements(), fixed, env);
        List<ComponentSpec> components = new ArrayList<>();
        for (ComponentSpec c : recipe.install().components()) {
            components.add(c.withRequirements(renderAll(c.requirements(), fixed, env)));
        }
        inherit(opts, requirements, suppressed, env, recipe.install().embedded());
        BuildIdent ident = recipe.pkg().withBuild(digest);
        List<EnvOp> environment = expand(recipe.install().environment(), envVars, ident);
        InstallSpec install = new InstallSpec(requirements, environment, components, recipe.install().embedded());
        return new PackageSpec(ident, recipe.meta(), recipe.compat(), recipe.deprecated(), recipe.sources(), opts,
                install, recipe.tests());
    }

    private static Opt fix(Opt o, PkgName self, OptionMap values, Map<PkgName, PackageSpec> env) {
        if (o instanceof Opt.Var v) {
            Optional<String> given = values.get(v.var().value()).or(() -> values.get(v.var().base()));
            return v.withStatic(v.value(given));
        }
        Opt.Pkg p = (Opt.Pkg) o;
        PackageSpec resolved = env.get(p.pkg());
        if (resolved == null) {
            throw new BuildInputException("missing-build-package", "pkg option '" + p.pkg() + "' of " + self
                    + " has no package in the build environment");
        }
        return p.withStatic(resolved.compat().render(resolved.pkg().version()));
    }

    private static OptionMap optionValues(List<Opt> opts) {
        Map<String, String> m = new HashMap<>();
        for (Opt o : opts) {
            m.put(o.fullName().value(), o.staticValue().orElse(""));
        }
        return OptionMap.of(m);
    }

    /** Renders pins; drops suppressions and pins of absent packages marked ifPresentInBuildEnv. */
    private static List<Request> renderAll(List<Request> requests, OptionMap options, Map<PkgName, PackageSpec> env) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r instanceof VarSuppression) {
                continue;
            }
            if (r instanceof PkgRequest p && p.pin().isPresent()) {
                PackageSpec resolved = env.get(p.pkg().name());
                if (resolved == null) {
                    if (p.ifPresentInBuildEnv()) {
                        continue;
                    }
                    throw new BuildInputException("invalid-pin", "cannot render fromBuildEnv for '" + p.pkg().name()
                            + "': it is not in the build environment");
                }
                String range = PinTemplate.render(p.pin().get(), resolved.pkg().version());
                out.add(new PkgRequest(p.pkg().withVersion(VersionFilter.parse(range)), p.prereleasePolicy(),
                        p.inclusionPolicy(), Optional.empty(), false));
            } else if (r instanceof VarRequest v && v.fromBuildEnv()) {
                Optional<String> value = options.get(v.var().value()).or(() -> options.get(v.var().base()));
                if (value.isEmpty()) {
                    if (v.ifPresentInBuildEnv()) {
                        continue;
                    }
                    throw new BuildInputException("invalid-pin", "cannot render fromBuildEnv for var '" + v.var()
                            + "': the build has no such option");
                }
                out.add(v.withValue(value.get()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Appends the Strong vars of the build environment (and of embedded packages) that are missing. */
    private static void inherit(List<Opt> opts, List<Request> requirements, Set<OptName> suppressed,
            Map<PkgName, PackageSpec> env, List<EmbeddedPackageSpec> embedded) {
        Map<OptName, String> buildMissing = new LinkedHashMap<>();
        Map<OptName, VarRequest> runtimeMissing = new LinkedHashMap<>();
        List<Map.Entry<PkgName, List<Opt>>> sources = new ArrayList<>();
        for (PackageSpec p : env.values()) {
            sources.add(Map.entry(p.pkg().name(), p.options()));
            for (EmbeddedPackageSpec e : p.install().embedded()) {
                sources.add(Map.entry(e.pkg().name(), e.options()));
            }
        }
        for (EmbeddedPackageSpec e : embedded) {
            sources.add(Map.entry(e.pkg().name(), e.options()));
        }
        for (Map.Entry<PkgName, List<Opt>> source : sources) {
            for (Opt o : source.getValue()) {
                if (!(o instanceof Opt.Var v)) {
                    continue;
                }
                OptName name = v.var().namespace().isPresent() ? v.var() : v.var().withNamespace(source.getKey());
                String value = v.staticValue().orElse(v.defaultValue());
                if (v.inheritance() != Inheritance.WEAK && !hasOption(opts, name, value)) {
                    String prior = buildMissing.putIfAbsent(name, value);
                    if (prior != null && !prior.equals(value)) {
                        throw new BuildInputException("conflicting-requirements", "Multiple conflicting downstream build requirements found for "
                                + name + ": " + prior + " and " + value);
                    }
                }
                if (v.inheritsAtRuntime() && !suppressed.contains(v.var()) && !suppressed.contains(name)
                        && !hasVarRequest(requirements, name, value)) {
                    VarRequest prior = runtimeMissing.putIfAbsent(name,
                            VarRequest.of(name, value).withDescription(v.description()));
                    if (prior != null && !prior.value().equals(value)) {
                        throw new BuildInputException("conflicting-requirements",
                                "Multiple conflicting downstream runtime requirements found for " + name + ": "
                                        + prior.value() + " and " + value);
                    }
                }
            }
        }
        buildMissing.forEach((name, value) -> opts.add(Opt.Var.named(name).withStatic(value)));
        requirements.addAll(runtimeMissing.values());
    }

    private static boolean hasOption(List<Opt> opts, OptName name, String value) {
        return opts.stream().anyMatch(o -> o instanceof Opt.Var v && v.var().equals(name)
                && v.staticValue().orElse("").equals(value));
    }

    private static boolean hasVarRequest(List<Request> reqs, OptName name, String value) {
        return reqs.stream().anyMatch(r -> r instanceof VarRequest v && v.var().base().equals(name.base())
                && (v.var().namespace().isEmpty() || v.var().namespace().equals(name.namespace()))
                && v.value().equals(value));
    }

    /** Expands {@code $VAR} and {@code ${VAR}} in environment values, as the build does. */
    private static List<EnvOp> expand(List<EnvOp> ops, Map<String, String> envVars, BuildIdent ident) {
        Map<String, String> vars = new HashMap<>(envVars);
        vars.putAll(packageVariables(ident));
        List<EnvOp> out = new ArrayList<>();
        for (EnvOp op : ops) {
            if (op instanceof EnvOp.Set s) {
                out.add(new EnvOp.Set(s.set(), EnvExpansion.expand(s.value(), vars)));
            } else if (op instanceof EnvOp.Append a) {
                out.add(new EnvOp.Append(a.append(), EnvExpansion.expand(a.value(), vars), a.separator()));
            } else if (op instanceof EnvOp.Prepend p) {
                out.add(new EnvOp.Prepend(p.prepend(), EnvExpansion.expand(p.value(), vars), p.separator()));
            } else {
                out.add(op);
            }
        }
        return out;
    }

    /** The {@code SPK_PKG*} variables of a build, as its script and its environment values see them. */
    public static Map<String, String> packageVariables(BuildIdent ident) {
        Map<String, String> vars = new java.util.LinkedHashMap<>();
        vars.put("SPK_PKG", ident.toString());
        vars.put("SPK_PKG_NAME", ident.name().value());
        vars.put("SPK_PKG_VERSION", ident.version().toString());
        vars.put("SPK_PKG_BUILD", ident.build().toString());
        vars.put("SPK_PKG_VERSION_MAJOR", Integer.toUnsignedString(ident.version().major()));
        vars.put("SPK_PKG_VERSION_MINOR", Integer.toUnsignedString(ident.version().minor()));
        vars.put("SPK_PKG_VERSION_PATCH", Integer.toUnsignedString(ident.version().patch()));
        vars.put("SPK_PKG_VERSION_BASE", ident.version().base().toString());
        return vars;
    }

    /** The source package of a recipe: {@code name/version/src}, pruned as SPK prunes it. */
    public static PackageSpec sourcePackage(Recipe recipe) {
        return sourcePackage(recipe, null);
    }

    /**
     * The source package of a recipe found in {@code root} (when not null): as SPK records it,
     * local {@code path} sources are made absolute, so the spec says where the files came from.
     */
    public static PackageSpec sourcePackage(Recipe recipe, java.nio.file.Path root) {
        List<SourceSpec> sources = recipe.sources().stream().map(s -> root != null && s instanceof SourceSpec.Local l
                ? (SourceSpec) new SourceSpec.Local(root.resolve(l.path()).normalize().toString(), l.exclude(), l.filter(),
                        l.subdir())
                : s).toList();
        ComponentSpec src = new ComponentSpec(spk.grammar.ident.Component.SOURCE, List.of("*"), List.of(), List.of(),
                List.of(), true, ComponentSpec.FileMatchMode.ALL);
        return new PackageSpec(recipe.pkg().withBuild(Build.SOURCE), recipe.meta(), recipe.compat(),
                recipe.deprecated(), sources, List.of(),
                new InstallSpec(List.of(), List.of(), List.of(src), List.of()), List.of());
    }
}
