package spk.spec.variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.OptName;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.AutoHostVars;
import spk.spec.model.BuildSpec;
import spk.spec.model.ComponentSpec;
import spk.spec.model.InstallSpec;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Platform;
import spk.spec.model.Recipe;
import spk.spec.model.ValidationSpec;

/**
 * Turns a platform into the recipe that builds it (as SPK's v0/platform.rs): host option names as build
 * options, no script, no sources, and components whose requirements only constrain
 * ({@code IfAlreadyPresent}): {@code atBuild} ranges on {@code build}, {@code atRuntime} on
 * {@code run}. Base platforms' requirements come first; later bases and the platform itself
 * override them, and {@code false} removes them.
 */
public final class PlatformRecipes {
    private PlatformRecipes() {}

    /** @param bases finds a base platform's published spec */
    public static Recipe toRecipe(Platform platform, Function<VersionIdent, Optional<PackageSpec>> bases) {
        Map<String, Request> build = new LinkedHashMap<>();
        Map<String, Request> run = new LinkedHashMap<>();
        for (VersionIdent base : platform.bases()) {
            PackageSpec spec = bases.apply(base).orElseThrow(() -> new BuildInputException("missing-base-platform",
                    "base platform " + base + " of " + platform.platform() + " is not available"));
            for (ComponentSpec c : spec.install().components()) {
                Map<String, Request> into = c.name().equals(Component.BUILD) ? build
                        : c.name().equals(Component.RUN) ? run : null;
                if (into != null) {
                    for (Request r : c.requirements()) {
                        into.put(key(r), r);
                    }
                }
            }
            for (Request r : spec.install().requirements()) {
                run.put(key(r), r);
            }
        }
        for (Platform.Requirement req : platform.requirements()) {
            apply(req.target(), req.atBuild(), build);
            apply(req.target(), req.atRuntime(), run);
        }
        List<Opt> options = new ArrayList<>();
        for (String host : List.of("os", "arch", "distro")) {
            options.add(Opt.Var.named(OptName.parse(host)));
        }
        // a platform only constrains: its build installs nothing, which its validation must allow
        ValidationSpec validation = new ValidationSpec(List.of(new spk.spec.model.ValidationRule(
                spk.spec.model.ValidationRule.Verb.ALLOW, spk.spec.model.ValidationRule.Kind.EmptyPackage, List.of(),
                Optional.empty())), List.of());
        BuildSpec buildSpec = new BuildSpec(List.of(), options, List.of(), validation, AutoHostVars.NONE);
        List<ComponentSpec> components = List.of(
                component(Component.BUILD, new ArrayList<>(build.values())),
                component(Component.RUN, new ArrayList<>(run.values())));
        return new Recipe(platform.platform(), platform.meta(), platform.compat(), platform.deprecated(), List.of(),
                buildSpec, new InstallSpec(List.of(), List.of(), components, List.of()), List.of());
    }

    private static ComponentSpec component(Component name, List<Request> requirements) {
        return new ComponentSpec(name, List.of(), List.of(), requirements, List.of(), true,
                ComponentSpec.FileMatchMode.ALL);
    }

    private static void apply(Platform.Target target, Optional<Platform.Constraint> constraint,
            Map<String, Request> into) {
        if (constraint.isEmpty()) {
            return;
        }
        String key = target instanceof Platform.Target.Pkg p ? "pkg:" + p.name() : "var:"
                + ((Platform.Target.Var) target).name();
        if (constraint.get() instanceof Platform.Constraint.Remove) {
            into.remove(key);
            return;
        }
        String value = ((Platform.Constraint.Value) constraint.get()).value();
        if (target instanceof Platform.Target.Pkg p) {
            RangeIdent ident = new RangeIdent(Optional.empty(), p.name(), new TreeSet<>(), VersionFilter.parse(value),
                    Optional.empty());
            into.put(key, PkgRequest.of(ident).withInclusionPolicy(InclusionPolicy.IF_ALREADY_PRESENT));
        } else {
            into.put(key, VarRequest.of(((Platform.Target.Var) target).name(), value));
        }
    }

    private static String key(Request r) {
        if (r instanceof PkgRequest p) {
            return "pkg:" + p.pkg().name();
        }
        return "var:" + ((VarRequest) r).var();
    }
}
