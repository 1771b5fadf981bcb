package spk.solver.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.build.Build;
import spk.grammar.compat.CompatRule;
import spk.grammar.compat.Compatibility;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;
import spk.solver.Source;
import spk.spec.model.ComponentSpec;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/**
 * The checks SPK's validators make between one request and one candidate, on their own:
 * whether a build satisfies a package request (SPK §3.2 items 1 and 3), and whether it satisfies
 * a var request (item 5). Each answer carries the reason a user sees.
 */
final class Satisfaction {
    private Satisfaction() {}

    /** Whether candidate {@code c} satisfies request {@code r}, ignoring pre-release policy and deprecation. */
    static Compatibility pkgRequest(RequestInfo r, CandidateInfo c) {
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
            Set<Component> needed = requiredComponents(r, spec);
            Set<Component> missing = new TreeSet<>(needed);
            missing.removeAll(c.available);
            if (!missing.isEmpty()) {
                return Compatibility.incompatible("does not define requested components: " + missing + "; found "
                        + new TreeSet<>(c.available));
            }
        }
        return requiredVars(r, c);
    }

    /** The components a request needs from a spec: its own (or the default), {@code all}, then {@code uses}. */
    static Set<Component> requiredComponents(RequestInfo r, PackageSpec spec) {
        Set<Component> asked = new LinkedHashSet<>(r.request.pkg().components());
        if (asked.isEmpty()) {
            asked.add(r.request.pkg().build().map(Build::isSource).orElse(false) ? Component.SOURCE
                    : r.defaultComponent);
        }
        return withUses(asked, spec);
    }

    /** As {@link #requiredComponents(RequestInfo, PackageSpec)} for a candidate, remembered per request. */
    static Set<Component> requiredComponents(RequestInfo r, CandidateInfo c) {
        return r.componentsNeeded.computeIfAbsent(c, k -> requiredComponents(r, k.spec));
    }

    /** {@code asked} with {@code all} expanded and every component's {@code uses}, transitively. */
    static Set<Component> withUses(Set<Component> asked, PackageSpec spec) {
        Set<Component> out = new TreeSet<>();
        Deque<Component> todo = new ArrayDeque<>();
        for (Component c : asked) {
            if (c.equals(Component.ALL)) {
                spec.install().components().forEach(cs -> todo.add(cs.name()));
            } else {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            Component c = todo.pop();
            if (!out.add(c)) {
                continue;
            }
            for (ComponentSpec cs : spec.install().components()) {
                if (cs.name().equals(c)) {
                    todo.addAll(cs.uses());
                }
            }
        }
        return out;
    }

    /** {@code required: true} vars: the request itself must carry {@code pkg.var} with the build's value. */
    static Compatibility requiredVars(RequestInfo r, CandidateInfo c) {
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

    /**
     * Whether a candidate satisfies a var request (SPK's OptionsValidator for one request): a
     * request for {@code pkg.x} needs the package to have option x; a value matches the build's
     * fixed value exactly, or by binary compatibility when the option has a compat, or (for pkg
     * options) when the ranges intersect. Empty values match anything.
     */
    static Compatibility varRequest(VarRequest v, PackageSpec spec) {
        OptName name = v.var();
        Opt found = null;
        for (Opt o : spec.options()) {
            if (o.fullName().equals(name) || o.fullName().withNamespace(spec.pkg().name()).equals(name)) {
                found = o;
                break;
            }
        }
        if (found == null) {
            if (name.namespace().isPresent() && name.namespace().get().equals(spec.pkg().name())) {
                return Compatibility.incompatible("var option " + name + " is not defined in the package");
            }
            return Compatibility.COMPATIBLE;
        }
        if (v.value().isEmpty()) {
            return Compatibility.COMPATIBLE;
        }
        if (found instanceof Opt.Pkg p) {
            if (p.staticValue().isEmpty()) {
                return Compatibility.COMPATIBLE;
            }
            try {
                return VersionFilter.parse(v.value()).intersects(VersionFilter.parse(p.staticValue().get())).isOk()
                        ? Compatibility.COMPATIBLE
                        : Compatibility.incompatible("option " + name + ": built with " + p.staticValue().get()
                                + ", which does not intersect the requested " + v.value());
            } catch (RuntimeException e) {
                return Compatibility.incompatible("option " + name + ": '" + v.value() + "' is not a version range");
            }
        }
        Opt.Var var = (Opt.Var) found;
        String exact = var.value(Optional.of(v.value()));
        if (exact.equals(v.value())) {
            return Compatibility.COMPATIBLE;
        }
        if (var.compat().isPresent()) {
            try {
                Compatibility c = var.compat().get().isBinaryCompatible(Version.parse(exact), Version.parse(v.value()));
                return c.isOk() ? c : Compatibility.incompatible("option " + name + "=" + exact + " does not match "
                        + v.value() + ": " + c);
            } catch (RuntimeException e) {
                return Compatibility.incompatible("option " + name + "=" + exact + " does not match " + v.value()
                        + " (not versions under its compat)");
            }
        }
        return Compatibility.incompatible("option " + name + "=" + exact + " does not match the requested "
                + v.value());
    }

    /**
     * A var requirement of a package against another value of the same option (SPK's
     * VarRequirementsValidator): they clash when the names match (exactly, or a requirement
     * without namespace against any option of the same base name) and both values are set and differ.
     */
    static boolean clashes(VarRequest requirement, OptName otherName, String otherValue) {
        boolean match = requirement.var().equals(otherName)
                || (requirement.var().namespace().isEmpty() && requirement.var().base().equals(otherName.base()));
        return match && !requirement.value().isEmpty() && !otherValue.isEmpty()
                && !requirement.value().equals(otherValue);
    }
}
