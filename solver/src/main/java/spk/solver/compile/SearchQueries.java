package spk.solver.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.grammar.name.PkgName;
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
        IncrementalClosure c = new IncrementalClosure(st);
        decided.forEach(c::decide);
        return c.snapshot();
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
        final Map<PkgName, Integer> decided;
        /** Gathered on first need: only a candidate some option value ruled out is checked against them. */
        private List<Integer> valueVars;

        InForce(Map<PkgName, Integer> decided) {
            this.decided = decided;
        }

        String reasonAgainst(CandidateInfo c) {
            for (RequestInfo r : requests) {
                String why = rejections.reasonOf(r, c);
                if (why != null) {
                    return why + " (" + r.request + ", requested by " + r.requestedBy + ")";
                }
            }
            if (!c.valueRejected) {
                return null;
            }
            if (valueVars == null) {
                // looked up, not a set of every decided build per call (the improvement asks often)
                valueVars = options.valueVarsInForce(
                        var -> Integer.valueOf(var).equals(decided.get(st.byVar.get(var).spec.pkg().name())));
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
        InForce f = new InForce(decided);
        for (RequestInfo r : s.requests) {
            // an install requirement is in force when its owner is the build decided for the owner's
            // package (a look-up: a set of every decided build per call was quadratic in the improvement)
            if (r.ownerCandidate == null || r.component == null
                    && Integer.valueOf(r.owner).equals(decided.get(r.ownerCandidate.spec.pkg().name()))) {
                f.requests.add(r);
            }
        }
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
