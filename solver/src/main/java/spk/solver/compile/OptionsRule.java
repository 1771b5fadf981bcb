package spk.solver.compile;

import java.util.Optional;
import spk.grammar.compat.Compatibility;
import spk.grammar.name.OptName;
import spk.grammar.range.VersionFilter;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/** SPK's OptionsValidator for one var request and one build; {@link OptionRules} encodes it. */
final class OptionsRule {
    private OptionsRule() {}

    /**
     * Whether a candidate satisfies a var request (SPK's OptionsValidator for one request): a
     * request for {@code pkg.x} needs the package to have option x; a value matches the build's
     * fixed value exactly, or by binary compatibility when the option has a compat, or (for pkg
     * options) when the ranges intersect. Empty values match anything.
     */
    static Compatibility check(VarRequest v, PackageSpec spec) {
        OptName name = v.var();
        Opt found = null;
        for (Opt o : spec.options()) {
            if (o.fullName().equals(name) || namespacedTo(o.fullName(), spec.pkg().name(), name)) {
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
     * True if {@code name} is {@code option.withNamespace(pkg)}, without building that name (the
     * check runs for every option of every candidate against every value requested).
     */
    static boolean namespacedTo(OptName option, spk.grammar.name.PkgName pkg, OptName name) {
        String v = name.value();
        String p = pkg.value();
        String o = option.value();
        int base = o.indexOf('.') + 1;
        int baseLength = o.length() - base;
        return v.length() == p.length() + 1 + baseLength && v.startsWith(p) && v.charAt(p.length()) == '.'
                && v.regionMatches(p.length() + 1, o, base, baseLength);
    }
}
