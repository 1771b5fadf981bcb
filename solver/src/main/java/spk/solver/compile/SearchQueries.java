package spk.solver.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.request.InclusionPolicy;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
/**
 * What the search asks of an encoding: the candidates a model chose, the packages in the order
 * SPK meets them ({@link SolveEncoding.Closure}), a first guess per package as SPK's iterator
 * would make it, the reasons known for certain against a candidate, and the decision guide for
 * the back ends.
 */
final class SearchQueries {
    private final EncodingState st;
    private final Rejections rejections;
    private final OptionRules options;

    SearchQueries(EncodingState st, Rejections rejections, OptionRules options) {
        this.st = st;
        this.rejections = rejections;
        this.options = options;
    }

    SolveEncoding.CandidateInfoView candidate(int var) {
        CandidateInfo c = st.byVar.get(var);
        return c == null ? null : new SolveEncoding.CandidateInfoView(c);
    }

    /** The chosen candidate of each package in a model, by package name. */
    Map<PkgName, SolveEncoding.CandidateInfoView> chosen(boolean[] values) {
        Map<PkgName, SolveEncoding.CandidateInfoView> out = new LinkedHashMap<>();
        for (PackageState s : st.packages.values()) {
            for (CandidateInfo c : s.candidates) {
                if (EncodingState.isTrue(values, c.var())) {
                    out.put(s.name, new SolveEncoding.CandidateInfoView(c));
                }
            }
        }
        return out;
    }

    /** Chosen candidates whose requirements are not encoded yet. */
    List<Integer> unexpandedChosen(boolean[] values) {
        List<Integer> out = new ArrayList<>();
        for (PackageState s : st.packages.values()) {
            for (CandidateInfo c : s.candidates) {
                if (!c.expanded && EncodingState.isTrue(values, c.var())) {
                    out.add(c.var());
                }
            }
        }
        return out;
    }

    /** The candidates of a package, best first. */
    List<SolveEncoding.CandidateInfoView> ranked(PkgName name) {
        PackageState s = st.packages.get(name);
        if (s == null) {
            return List.of();
        }
        return s.sorted().stream().map(SolveEncoding.CandidateInfoView::new).toList();
    }

    /** The package requests on a package in force in a model, in the order they appeared. */
    List<SolveEncoding.RequestView> activeRequests(PkgName name, boolean[] values) {
        PackageState s = st.packages.get(name);
        List<SolveEncoding.RequestView> out = new ArrayList<>();
        if (s != null) {
            for (RequestInfo r : s.requests) {
                if (r.active(values)) {
                    out.add(new SolveEncoding.RequestView(r));
                }
            }
        }
        return out;
    }

    /** The requirements of a candidate in force in a model, in order: package names to visit next. */
    List<PkgName> requiredNames(int candidateVar, boolean[] values) {
        List<PkgName> out = new ArrayList<>();
        CandidateInfo c = st.byVar.get(candidateVar);
        for (RequestInfo r : c.requirements) {
            if (r.active(values) && !out.contains(r.request.pkg().name())) {
                out.add(r.request.pkg().name());
            }
        }
        for (EmbeddedPackageSpec e : c.spec.install().embedded()) {
            if (!out.contains(e.pkg().name())) {
                out.add(e.pkg().name());
            }
        }
        return out;
    }

    /** The closure of the decided packages: see {@link SolveEncoding.Closure}. */
    SolveEncoding.Closure closure(Map<PkgName, Integer> decided) {
        Map<PkgName, Set<Component>> used = new LinkedHashMap<>();
        Set<PkgName> pending = new java.util.LinkedHashSet<>();
        Map<PkgName, String> requestedBy = new LinkedHashMap<>();
        List<RequestInfo> work = new ArrayList<>(st.initialRequests);
        Set<Integer> expandedOwners = new java.util.HashSet<>();
        Map<Integer, Set<Component>> ownerComps = new HashMap<>();
        for (int i = 0; i < work.size(); i++) {
            RequestInfo r = work.get(i);
            PkgName name = r.request.pkg().name();
            Integer cv = decided.get(name);
            if (cv == null) {
                if (r.request.inclusionPolicy() == InclusionPolicy.ALWAYS) {
                    pending.add(name);
                }
                requestedBy.putIfAbsent(name, r.requestedBy);
                continue;
            }
            requestedBy.putIfAbsent(name, r.requestedBy);
            CandidateInfo c = st.byVar.get(cv);
            if (!c.spec.pkg().build().isSource()) {
                Set<Component> comps = ComponentsRule.requiredComponents(r.shared, c);
                addUse(c, comps, used, work, ownerComps, expandedOwners, decided, pending);
            } else {
                addUse(c, Set.of(), used, work, ownerComps, expandedOwners, decided, pending);
            }
        }
        List<PkgName> inOrder = new ArrayList<>(pending);
        if (!st.order.requestPriority().isEmpty()) {
            // SPK keeps its requests sorted by these patterns (stably): the first pending one is decided next
            inOrder.sort(java.util.Comparator.comparingInt(n -> st.order.requestPriority().rank(n.value())));
        }
        return new SolveEncoding.Closure(used, inOrder, requestedBy);
    }

    private void addUse(CandidateInfo c, Set<Component> comps, Map<PkgName, Set<Component>> used,
            List<RequestInfo> work, Map<Integer, Set<Component>> ownerComps, Set<Integer> expandedOwners,
            Map<PkgName, Integer> decided, Set<PkgName> pending) {
        PkgName name = c.spec.pkg().name();
        Set<Component> have = used.computeIfAbsent(name, n -> new TreeSet<>());
        if (have.containsAll(comps) && expandedOwners.contains(c.var())) {
            return; // nothing new: the closure meets most requests of a decided package this way
        }
        Set<Component> added = new TreeSet<>(comps);
        added.removeAll(have);
        have.addAll(comps);
        if (expandedOwners.add(c.var())) {
            if (c.parent != null) {
                // an embedded copy comes with the build that carries it
                Integer pv = decided.get(c.parent.spec.pkg().name());
                if (pv == null) {
                    pending.add(c.parent.spec.pkg().name());
                } else {
                    addUse(st.byVar.get(pv), c.holders, used, work, ownerComps, expandedOwners, decided, pending);
                }
            }
            work.addAll(c.installRequirements);
        }
        for (Component k : added) {
            work.addAll(c.componentRequirements.getOrDefault(k, List.of()));
            for (ComponentSpec cs : c.spec.install().components()) {
                if (!cs.name().equals(k)) {
                    continue;
                }
                for (ComponentEmbed ce : cs.embedded()) {
                    Integer ev = decided.get(ce.pkg());
                    if (ev == null) {
                        pending.add(ce.pkg());
                        continue;
                    }
                    CandidateInfo ec = st.byVar.get(ev);
                    addUse(ec, ComponentsRule.withUses(ce.components(), ec.spec), used, work, ownerComps, expandedOwners,
                            decided, pending);
                }
            }
        }
    }


    /**
     * A first guess for a package, as SPK's iterator would make it without backtracking: the
     * best candidate that no request in force (given the candidates decided) rules out, skipping
     * deprecated builds and pre-releases. Only used to hint the SAT solver; null if none fits.
     */
    Integer greedyChoice(PkgName name, Map<PkgName, Integer> decided) {
        PackageState s = st.packages.get(name);
        if (s == null) {
            return null;
        }
        InForce f = inForce(s, decided);
        for (CandidateInfo c : s.sorted()) {
            if (c.spec.deprecated() || c.spec.pkg().version().isPreRelease()) {
                continue;
            }
            if (f.reasonAgainst(c) == null) {
                return c.var();
            }
        }
        return null;
    }

    /**
     * Why a candidate cannot be chosen whatever else is chosen, given the candidates decided:
     * a request in force (initial, or a requirement of a decided candidate) rules it out; null
     * if nothing does.
     */
    String certainReasonAgainst(int candidateVar, Map<PkgName, Integer> decided) {
        CandidateInfo c = st.byVar.get(candidateVar);
        PackageState s = st.packages.get(c.spec.pkg().name());
        return inForce(s, decided).reasonAgainst(c);
    }


    /** The requests and option values in force given the decided candidates. */
    private final class InForce {
        final List<RequestInfo> requests = new ArrayList<>();
        final List<Integer> valueVars = new ArrayList<>();

        String reasonAgainst(CandidateInfo c) {
            for (RequestInfo r : requests) {
                String why = rejections.reasonOf(r, c);
                if (why != null) {
                    return why + " (" + r.request + ", requested by " + r.requestedBy + ")";
                }
            }
            for (int v : valueVars) {
                String why = rejections.valueReasonOf(v, c);
                if (why != null && !options.ignoredFor(v, c)) {
                    return why;
                }
            }
            return null;
        }
    }

    private InForce inForce(PackageState s, Map<PkgName, Integer> decided) {
        java.util.Set<Integer> owners = new java.util.HashSet<>(decided.values());
        InForce f = new InForce();
        for (RequestInfo r : s.requests) {
            if (r.ownerCandidate == null || owners.contains(r.owner) && r.component == null) {
                f.requests.add(r);
            }
        }
        f.valueVars.addAll(options.valueVarsInForce(owners));
        return f;
    }

    /**
     * The decision guide for back ends: per package (in the order they were met), the
     * activations of its Always requests and its candidates best first.
     */
    spk.solver.backend.DecisionGuide guide() {
        List<spk.solver.backend.DecisionGuide.Guided> out = new ArrayList<>();
        for (PackageState s : st.packages.values()) {
            if (s.guided == null) {
                List<Integer> needs = new ArrayList<>();
                for (SharedRequest r : s.shared) {
                    if (r.satisfiers != null) {
                        needs.add(r.var);
                    }
                }
                // an embedded copy or a chosen embedder can also make a package needed
                needs.add(s.vars.anyVar());
                s.guided = new spk.solver.backend.DecisionGuide.Guided(
                        needs.stream().mapToInt(Integer::intValue).toArray(),
                        s.sorted().stream().mapToInt(CandidateInfo::var).toArray());
            }
            out.add(s.guided);
        }
        return new spk.solver.backend.DecisionGuide(out);
    }

    /** True if {@code var} is a candidate variable. */
    boolean isCandidate(int var) {
        return st.byVar.containsKey(var);
    }

}
