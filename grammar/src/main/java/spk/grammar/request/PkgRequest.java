package spk.grammar.request;

import java.util.Optional;
import spk.grammar.compat.Compatibility;
import spk.grammar.ident.RangeIdent;
import spk.grammar.version.Version;

/**
 * A request for a package: what ({@link RangeIdent}), whether pre-releases may satisfy it,
 * whether it pulls the package in, and an optional {@code fromBuildEnv} pin to render from the
 * build environment.
 */
public record PkgRequest(RangeIdent pkg, Optional<PreReleasePolicy> prereleasePolicy, InclusionPolicy inclusionPolicy,
        Optional<String> pin, boolean ifPresentInBuildEnv) implements Request {
    public PkgRequest {
        if (pin.isPresent() && !pkg.version().isAny()) {
            throw new IllegalArgumentException("a request pinned fromBuildEnv cannot also name a version: " + pkg);
        }
    }

    /** A plain request with the default policies. */
    public static PkgRequest of(RangeIdent pkg) {
        return new PkgRequest(pkg, Optional.empty(), InclusionPolicy.ALWAYS, Optional.empty(), false);
    }

    /** Parses a request ident into a plain request. */
    public static PkgRequest parse(String text) {
        return of(RangeIdent.parse(text));
    }

    public PkgRequest withPkg(RangeIdent newPkg) {
        return new PkgRequest(newPkg, prereleasePolicy, inclusionPolicy, pin, ifPresentInBuildEnv);
    }

    public PkgRequest withPrereleasePolicy(PreReleasePolicy p) {
        return new PkgRequest(pkg, Optional.of(p), inclusionPolicy, pin, ifPresentInBuildEnv);
    }

    public PkgRequest withInclusionPolicy(InclusionPolicy p) {
        return new PkgRequest(pkg, prereleasePolicy, p, pin, ifPresentInBuildEnv);
    }

    /** True if pre-releases are allowed ({@code IncludeAll}); unset means excluded. */
    public boolean allowsPrereleases() {
        return prereleasePolicy.orElse(PreReleasePolicy.EXCLUDE_ALL) == PreReleasePolicy.INCLUDE_ALL;
    }

    /** Cheap version-only check: pre-release policy, then the version filter. */
    public Compatibility isVersionApplicable(Version v) {
        if (v.isPreRelease() && !allowsPrereleases()) {
            return Compatibility.incompatible("pre-releases are not allowed (version " + v + ")");
        }
        return pkg.version().isApplicable(v);
    }

    /**
     * Merges a second request for the same package: the stricter pre-release policy, {@code
     * Always} if either is, and the merged ident; when both only apply if already present,
     * conflicting version ranges are kept (nothing will satisfy them) instead of failing.
     */
    public Merge restrict(PkgRequest other) {
        Optional<PreReleasePolicy> pre = prereleasePolicy.isPresent() && other.prereleasePolicy.isPresent()
                ? Optional.of(prereleasePolicy.get().compareTo(other.prereleasePolicy.get()) <= 0
                        ? prereleasePolicy.get() : other.prereleasePolicy.get())
                : prereleasePolicy.or(() -> other.prereleasePolicy);
        InclusionPolicy inclusion = inclusionPolicy.compareTo(other.inclusionPolicy) <= 0
                ? inclusionPolicy : other.inclusionPolicy;
        RangeIdent.Merge m = pkg.restrict(other.pkg, inclusion == InclusionPolicy.IF_ALREADY_PRESENT);
        if (!m.isOk()) {
            return new Merge(null, m.outcome());
        }
        return new Merge(new PkgRequest(m.ident(), pre, inclusion, pin.or(() -> other.pin),
                ifPresentInBuildEnv && other.ifPresentInBuildEnv), Compatibility.COMPATIBLE);
    }

    /** The outcome of {@link #restrict}. */
    public record Merge(PkgRequest request, Compatibility outcome) {
        public boolean isOk() {
            return outcome.isOk();
        }
    }

    @Override
    public String toString() {
        return pkg.toString();
    }
}
