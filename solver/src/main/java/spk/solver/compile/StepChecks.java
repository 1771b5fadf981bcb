package spk.solver.compile;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.compile.SolveEncoding.Objection;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;

/**
 * What SPK's step solver checks when it tries a candidate beside the ones decided so far, from
 * what the encoding knows without a solve: the requests in force on its package, the option
 * values in force, deprecation and pre-releases, embedded copies and their parents; once its
 * requirements are encoded, whether they rule out a decided build, clash with an option value
 * in force, or leave a package they need with no candidate at all. Each objection names the
 * decided packages that cause it, so a walk can step back to the latest of them (conflict-
 * directed backjumping). The checks need not be complete: the SAT calls decide; a missed
 * conflict or an objection with unknown causes only costs the walk time.
 */
final class StepChecks {
    private final EncodingState st;
    private final Rejections rejections;
    private final OptionRules options;

    StepChecks(EncodingState st, Rejections rejections, OptionRules options) {
        this.st = st;
        this.rejections = rejections;
        this.options = options;
    }

    /** A decided package's build: the package name is the key. */
    private CandidateInfo decidedOf(Map<PkgName, Integer> decided, PkgName name) {
        Integer v = decided.get(name);
        return v == null ? null : st.byVar.get(v);
    }

    private static PkgName pkgOf(CandidateInfo c) {
        return c.spec.pkg().name();
    }

    /** True if request {@code r} is in force at install level given the decided builds. */
    private boolean inForce(RequestInfo r, Map<PkgName, Integer> decided) {
        if (r.ownerCandidate == null) {
            return true;
        }
        if (r.component != null) {
            return false;
        }
        Integer v = decided.get(pkgOf(r.ownerCandidate));
        return v != null && v == r.ownerCandidate.var();
    }

    /**
     * Why {@code c} cannot be chosen beside the decided builds, or null: first what is known
     * before its requirements are encoded, then (having encoded them) what they break.
     */
    Objection objection(CandidateInfo c, Map<PkgName, Integer> decided, java.util.function.IntConsumer expand) {
        Objection o = before(c, decided);
        if (o != null) {
            return o;
        }
        expand.accept(c.var());
        return after(c, decided);
    }

    private Objection before(CandidateInfo c, Map<PkgName, Integer> decided) {
        PackageState s = st.packages.get(pkgOf(c));
        // requests in force on the package that rule it out
        for (SharedRequest r : s.shared) {
            String why = r.rejected.get(c);
            if (why == null) {
                continue;
            }
            Set<PkgName> owners = inForceOwners(r, decided);
            if (owners != null) {
                return new Objection(why + " (" + r.request + ")", owners);
            }
        }
        if (c.namedExactly != null && !allowedDeprecated(s, c, decided)) {
            return new Objection("deprecated, and no request names it", namesIt(s, c) ? null : Set.of());
        }
        if (c.prereleaseAllowed != null && !allowedPreRelease(s, decided)) {
            return new Objection("a pre-release, and no request allows them", allowsPre(s) ? null : Set.of());
        }
        // option values in force that the build disagrees with
        if (c.valueRejected) {
            List<VarRequestInfo> varRequests = inForceVarRequests(decided);
            Objection v = valueObjection(c, varRequests, varRequests);
            if (v != null) {
                return v;
            }
        }
        if (c.parent != null) {
            CandidateInfo p = decidedOf(decided, pkgOf(c.parent));
            if (p != null && p != c.parent) {
                return new Objection("comes with another build of " + pkgOf(c.parent), Set.of(pkgOf(c.parent)));
            }
        }
        // a decided build whose components in use embed this package: only its copy can be chosen
        for (Integer dv : decided.values()) {
            CandidateInfo d = st.byVar.get(dv);
            if (c.parent == d || d.spec.install().embedded().isEmpty()
                    || d.spec.install().embedded().stream().noneMatch(e -> e.pkg().name().equals(pkgOf(c)))) {
                continue;
            }
            Set<PkgName> culprits = embeddingCulprits(d, pkgOf(c), decided);
            if (culprits != null) {
                return new Objection(d.label() + " brings its own " + pkgOf(c), culprits);
            }
        }
        // a decided copy of another package says which build of this one carries it
        for (Integer dv : decided.values()) {
            CandidateInfo e = st.byVar.get(dv);
            if (e.parent != null && pkgOf(e.parent).equals(pkgOf(c)) && e.parent != c) {
                return new Objection(e.label() + " comes with another build", Set.of(pkgOf(e)));
            }
        }
        return null;
    }

    private Objection after(CandidateInfo c, Map<PkgName, Integer> decided) {
        PkgName self = pkgOf(c);
        // its requirements rule out a decided build
        for (RequestInfo r : c.installRequirements) {
            CandidateInfo d = decidedOf(decided, r.request.pkg().name());
            if (d != null) {
                String why = r.shared.rejected.get(d);
                if (why != null) {
                    return new Objection("requires " + r.request + ", and " + d.label() + ": " + why,
                            Set.of(pkgOf(d)));
                }
                Objection k = componentObjection(d, r, decided);
                if (k != null) {
                    return k;
                }
            }
        }
        // its var requirements rule out a decided build, or clash with a value in force
        // (gathered over every decided build: only when there is something to check them against)
        List<VarRequestInfo> inForce = c.varRequirements.isEmpty() ? List.of() : inForceVarRequests(decided);
        for (VarRequestInfo q : c.varRequirements) {
            for (Integer dv : decided.values()) {
                CandidateInfo d = st.byVar.get(dv);
                Objection v = d.valueRejected ? valueObjection(d, List.of(q), inForce) : null;
                if (v != null) {
                    return new Objection(v.reason(), Set.of(pkgOf(d)));
                }
            }
            for (VarRequestInfo o : inForce) {
                if (clash(q, o)) {
                    return new Objection("requires " + q.request + ", which clashes with " + o,
                            o.owner == null ? Set.of() : Set.of(pkgOf(o.owner)));
                }
            }
        }
        // its components in use bring embedded packages decided as other copies
        Set<Component> used = usedComponents(c, decided);
        for (ComponentSpec cs : c.spec.install().components()) {
            if (!used.contains(cs.name())) {
                continue;
            }
            for (ComponentEmbed ce : cs.embedded()) {
                CandidateInfo e = decidedOf(decided, ce.pkg());
                if (e != null && e.parent != c) {
                    return new Objection("brings its own " + ce.pkg(), null);
                }
            }
            for (RequestInfo r : c.componentRequirements.getOrDefault(cs.name(), List.of())) {
                CandidateInfo d = decidedOf(decided, r.request.pkg().name());
                if (d != null && r.shared.rejected.get(d) != null) {
                    return new Objection("its " + cs.name() + " component requires " + r.request, null);
                }
            }
        }
        // a package it needs, or constrains while something decided needs it (IfAlreadyPresent),
        // has no candidate left: found here, at the candidate that closes it off, rather than
        // when the walk gets to that package, after deciding everything in between
        for (RequestInfo r : c.installRequirements) {
            PkgName n = r.request.pkg().name();
            if (decided.containsKey(n) || !r.shared.always() && whyNeeded(n, decided) == null) {
                continue;
            }
            Set<PkgName> culprits = deadEnd(n, decided, r);
            if (culprits != null) {
                culprits.remove(self);
                return new Objection("requires " + r.request + ", which nothing decided so far leaves a build for",
                        culprits);
            }
        }
        return null;
    }

    /**
     * When every candidate of {@code name} is ruled out by the requests in force (with the new
     * request {@code extra}), and no unread version's number fits them: the owners of those
     * requests; else null.
     */
    private Set<PkgName> deadEnd(PkgName name, Map<PkgName, Integer> decided, RequestInfo extra) {
        PackageState s = st.packages.get(name);
        if (s == null || s.embeddable && !s.closed) {
            return null;
        }
        Set<PkgName> culprits = new LinkedHashSet<>();
        List<SharedRequest> inForce = new java.util.ArrayList<>();
        for (SharedRequest r : s.shared) {
            Set<PkgName> owners = r == extra.shared ? Set.of() : inForceOwners(r, decided);
            if (owners != null) {
                inForce.add(r);
                culprits.addAll(owners);
            }
        }
        for (CandidateInfo c : s.candidates) {
            boolean ruledOut = false;
            for (SharedRequest r : inForce) {
                if (r.rejected.containsKey(c)) {
                    ruledOut = true;
                    break;
                }
            }
            if (!ruledOut) {
                return null;
            }
        }
        for (int i = s.versionsCreated; i < s.versionsNewestFirst.size(); i++) {
            Version v = s.versionsNewestFirst.get(i);
            if (inForce.stream().allMatch(r -> r.request.isVersionApplicable(v).isOk())) {
                return null;
            }
        }
        return culprits;
    }

    /**
     * When a component of decided build {@code d} that the requests in force ask for embeds
     * {@code embedded}: {@code d}'s package and the owner of such a request; else null.
     */
    private Set<PkgName> embeddingCulprits(CandidateInfo d, PkgName embedded, Map<PkgName, Integer> decided) {
        for (SharedRequest r : st.packages.get(pkgOf(d)).shared) {
            Set<PkgName> owners = inForceOwners(r, decided);
            if (owners == null || r.rejected.containsKey(d)) {
                continue;
            }
            Set<Component> used = ComponentsRule.requiredComponents(r, d);
            for (ComponentSpec cs : d.spec.install().components()) {
                if (used.contains(cs.name()) && cs.embedded().stream().anyMatch(ce -> ce.pkg().equals(embedded))) {
                    Set<PkgName> out = new HashSet<>(owners);
                    out.add(pkgOf(d));
                    return out;
                }
            }
        }
        return null;
    }

    /** A component the request asks of a decided build whose own requirements rule out another decided build. */
    private Objection componentObjection(CandidateInfo d, RequestInfo r, Map<PkgName, Integer> decided) {
        for (Component k : ComponentsRule.requiredComponents(r.shared, d)) {
            for (RequestInfo q : d.componentRequirements.getOrDefault(k, List.of())) {
                CandidateInfo z = decidedOf(decided, q.request.pkg().name());
                if (z != null && q.shared.rejected.get(z) != null) {
                    return new Objection("asks for " + d.label() + ":" + k + ", which requires " + q.request, null);
                }
            }
        }
        return null;
    }

    /** The components of {@code c} that the requests in force on its package ask for. */
    private Set<Component> usedComponents(CandidateInfo c, Map<PkgName, Integer> decided) {
        Set<Component> out = new HashSet<>();
        for (SharedRequest r : st.packages.get(pkgOf(c)).shared) {
            if (inForceOwners(r, decided) != null && !r.rejected.containsKey(c)) {
                out.addAll(ComponentsRule.requiredComponents(r, c));
            }
        }
        return out;
    }

    /**
     * The decided packages that put a request of this text in force (the earliest one's, empty
     * for the command line's), or null if none is in force.
     */
    private Set<PkgName> inForceOwners(SharedRequest r, Map<PkgName, Integer> decided) {
        for (RequestInfo m : r.members) {
            if (inForce(m, decided)) {
                return m.ownerCandidate == null ? Set.of() : Set.of(pkgOf(m.ownerCandidate));
            }
        }
        return null;
    }

    private boolean allowedDeprecated(PackageState s, CandidateInfo c, Map<PkgName, Integer> decided) {
        for (SharedRequest r : s.shared) {
            if (names(r, c) && inForceOwners(r, decided) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(SharedRequest r, CandidateInfo c) {
        return r.request.pkg().build().isPresent() && r.request.pkg().build().get().equals(c.spec.pkg().build());
    }

    private static boolean namesIt(PackageState s, CandidateInfo c) {
        return s.shared.stream().anyMatch(r -> names(r, c));
    }

    private boolean allowedPreRelease(PackageState s, Map<PkgName, Integer> decided) {
        for (SharedRequest r : s.shared) {
            if (r.request.allowsPrereleases() && inForceOwners(r, decided) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowsPre(PackageState s) {
        return s.shared.stream().anyMatch(r -> r.request.allowsPrereleases());
    }

    /** The command line's var requests and the install-level var requirements of the decided builds. */
    private List<VarRequestInfo> inForceVarRequests(Map<PkgName, Integer> decided) {
        List<VarRequestInfo> out = new java.util.ArrayList<>(options.topLevel());
        for (Integer dv : decided.values()) {
            out.addAll(st.byVar.get(dv).varRequirements);
        }
        return out;
    }

    /**
     * A value one of {@code requests} sets that {@code c}'s options disagree with, or that it
     * lacks; an unqualified request does not count for a package that a qualified request in
     * force ({@code inForce}) names.
     */
    private Objection valueObjection(CandidateInfo c, List<VarRequestInfo> requests, List<VarRequestInfo> inForce) {
        for (VarRequestInfo v : requests) {
            for (int var : new int[] {v.valueVar, v.flagVar}) {
                if (var == 0) {
                    continue;
                }
                String why = rejections.valueReasonOf(var, c);
                if (why != null && !(var == v.valueVar && qualifiedFor(v, c, inForce))) {
                    return new Objection(why + " (" + v.request + ")",
                            v.owner == null ? Set.of() : Set.of(pkgOf(v.owner)));
                }
            }
        }
        return null;
    }

    /** True if {@code v} is unqualified and a request in force names the option qualified for {@code c}'s package. */
    private static boolean qualifiedFor(VarRequestInfo v, CandidateInfo c, List<VarRequestInfo> inForce) {
        OptName name = v.request.var();
        if (name.namespace().isPresent()) {
            return false;
        }
        OptName qualified = name.withNamespace(pkgOf(c));
        return inForce.stream().anyMatch(o -> o.request.var().equals(qualified));
    }

    /** SPK's VarRequirementsValidator: a var requirement and another request setting the option differently. */
    private static boolean clash(VarRequestInfo q, VarRequestInfo o) {
        if (q.request.value().isEmpty() || o.request.value().isEmpty()
                || q.request.value().equals(o.request.value())) {
            return false;
        }
        OptName a = q.request.var();
        OptName b = o.request.var();
        return a.namespace().isEmpty() ? a.base().equals(b.base()) : a.equals(b);
    }

    /**
     * Why {@code name} is needed: the decided package whose install requirement asks for it
     * (the earliest decided), empty when a request of the command line does, null when only
     * something else does (an embedded copy's parent, a component).
     */
    Set<PkgName> whyNeeded(PkgName name, Map<PkgName, Integer> decided) {
        PackageState s = st.packages.get(name);
        if (s == null) {
            return null;
        }
        PkgName best = null;
        int bestLevel = Integer.MAX_VALUE;
        List<PkgName> order = new java.util.ArrayList<>(decided.keySet());
        for (RequestInfo r : s.requests) {
            if (!r.shared.always() || !inForce(r, decided)) {
                continue;
            }
            if (r.ownerCandidate == null) {
                return Set.of();
            }
            int level = order.indexOf(pkgOf(r.ownerCandidate));
            if (level < bestLevel) {
                bestLevel = level;
                best = pkgOf(r.ownerCandidate);
            }
        }
        return best == null ? null : Set.of(best);
    }
}
