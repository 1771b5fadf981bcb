package spk.solver.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.constraint.Group;
import spk.constraint.GrowingOr;
import spk.grammar.compat.Compatibility;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.request.VarRequest;
/**
 * Var requests and build options (SPK's OptionsValidator and VarRequirementsValidator, as
 * clauses): a variable per (option, value) that some request in force sets, which rules out
 * the candidates whose options disagree ({@link OptionsRule}); a variable per qualified name
 * ({@code pkg.var}) that some request names, which lets an unqualified request be ignored for
 * that package and rules out builds without the option; and var requirements that clash with
 * every other value of the same option ({@link VarRequirementsRule}).
 */
final class OptionRules {
    private final EncodingState st;
    private final Rejections rejections;
    private final Map<OptName, GrowingOr> qualifiedFlags = new HashMap<>();
    private final Map<OptName, Integer> qualifiedFlagVars = new HashMap<>();
    private final Map<PkgName, List<OptName>> qualifiedByPackage = new HashMap<>();
    /** "Some request in force sets NAME to VALUE", by name, then by value. */
    private final Map<OptName, Map<String, Integer>> valueVars = new HashMap<>();
    /** The same, by base name: what un-namespaced var requirements clash with. */
    private final Map<String, Map<String, Integer>> baseValueVars = new HashMap<>();
    private final Map<OptName, List<CandidateInfo>> candidatesByOptionName = new HashMap<>();
    private final Map<OptName, List<VarRequestInfo>> namespacedRequirements = new HashMap<>();
    private final Map<String, List<VarRequestInfo>> plainRequirementsByBase = new HashMap<>();
    /** Every var request that sets a value, in the order they were made. */
    private final List<VarRequestInfo> withValues = new ArrayList<>();
    /** The command line's var requests and options, in order. */
    private final List<VarRequestInfo> topLevel = new ArrayList<>();

    OptionRules(EncodingState st, Rejections rejections) {
        this.st = st;
        this.rejections = rejections;
    }

    /**
     * Encodes a var request in force while {@code active} holds: it sets a value variable, and,
     * for a requirement of a build ({@code owner}), clashes with every other value of its option.
     */
    VarRequestInfo addVarRequest(VarRequest req, int active, Group group, String requestedBy, CandidateInfo owner,
            boolean installLevel) {
        VarRequestInfo info = new VarRequestInfo(req, active, group, requestedBy, owner, installLevel);
        st.varRequestsByGroup.put(group.id(), info);
        if (owner == null) {
            topLevel.add(info);
        }
        OptName name = req.var();
        if (name.namespace().isPresent()) {
            int q = flagFor(name);
            info.flagVar = q;
            st.model.addImplication(active, q);
            qualifiedFlags.get(name).add(active);
        }
        if (req.value().isEmpty()) {
            return info;
        }
        int a = valueVar(name, req.value());
        info.valueVar = a;
        withValues.add(info);
        st.model.addImplication(active, a);
        st.model.addImplication(active, baseValueVar(name.base(), req.value()));
        if (owner == null) {
            return info;
        }
        // a var requirement clashes with every other value of its option (SPK's VarRequirementsValidator)
        if (name.namespace().isEmpty()) {
            plainRequirementsByBase.computeIfAbsent(name.base(), k -> new ArrayList<>()).add(info);
            VarRequirementsRule.encode(st.model, active, req.value(), baseValueVars.get(name.base()));
        } else {
            namespacedRequirements.computeIfAbsent(name, k -> new ArrayList<>()).add(info);
            VarRequirementsRule.encode(st.model, active, req.value(), valueVars.get(name));
        }
        return info;
    }

    /** The command line's var requests and options, in order. */
    List<VarRequestInfo> topLevel() {
        return topLevel;
    }

    /** The variable "some request in force sets {@code name} to {@code value}", linked on creation. */
    private int valueVar(OptName name, String value) {
        Map<String, Integer> byValue = valueVars.computeIfAbsent(name, k -> new LinkedHashMap<>());
        Integer existing = byValue.get(value);
        if (existing != null) {
            return existing;
        }
        int a = st.model.newVar("some request sets " + name + "=" + value);
        byValue.put(value, a);
        for (CandidateInfo c : candidatesAnswering(name)) {
            linkValue(c, name, value, a);
        }
        for (VarRequestInfo q : namespacedRequirements.getOrDefault(name, List.of())) {
            if (!q.request.value().equals(value)) {
                st.model.addClause(-q.activation, -a);
            }
        }
        return a;
    }

    private int baseValueVar(String base, String value) {
        Map<String, Integer> byValue = baseValueVars.computeIfAbsent(base, k -> new LinkedHashMap<>());
        Integer existing = byValue.get(value);
        if (existing != null) {
            return existing;
        }
        int b = st.model.newVar("some request sets an option named " + base + " to " + value);
        byValue.put(value, b);
        for (VarRequestInfo q : plainRequirementsByBase.getOrDefault(base, List.of())) {
            if (!q.request.value().equals(value)) {
                st.model.addClause(-q.activation, -b);
            }
        }
        return b;
    }

    /** Rules {@code c} out while a request sets {@code name=value} its options disagree with. */
    private void linkValue(CandidateInfo c, OptName name, String value, int valueVar) {
        Compatibility ok = OptionsRule.check(VarRequest.of(name, value), c.spec);
        if (ok.isOk()) {
            return;
        }
        rejections.rejectValue(valueVar, c, ok.toString());
        if (name.namespace().isEmpty()) {
            // ignored for this package when a request qualified for it is in force
            int q = flagFor(qualified(name, c.spec.pkg().name()));
            st.model.addClause(-valueVar, -c.var(), q);
        } else {
            st.model.addClause(-valueVar, -c.var());
        }
    }

    /** The variable "some request in force names {@code qualified}" ({@code pkg.var}), exact. */
    private int flagFor(OptName qualified) {
        Integer existing = qualifiedFlagVars.get(qualified);
        if (existing != null) {
            return existing;
        }
        int q = st.model.newVar("some request for " + qualified);
        qualifiedFlagVars.put(qualified, q);
        qualifiedFlags.put(qualified, st.model.growingOr(q, "a request for " + qualified));
        PkgName pkg = qualified.namespace().orElseThrow();
        qualifiedByPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(qualified);
        PackageState s = st.packages.get(pkg);
        if (s != null) {
            for (CandidateInfo c : s.candidates) {
                requireOption(c, qualified, q);
            }
        }
        return q;
    }

    /** A request for {@code pkg.x} rules out builds of pkg that have no option x. */
    private void requireOption(CandidateInfo c, OptName qualified, int flag) {
        Compatibility ok = OptionsRule.check(VarRequest.of(qualified, ""), c.spec);
        if (!ok.isOk()) {
            st.model.addClause(-flag, -c.var());
            rejections.rejectValue(flag, c, ok.toString());
        }
    }

    /** The candidates with an option a request for {@code name} applies to. */
    private List<CandidateInfo> candidatesAnswering(OptName name) {
        List<CandidateInfo> out = new ArrayList<>(candidatesByOptionName.getOrDefault(name, List.of()));
        if (name.namespace().isPresent()) {
            PackageState s = st.packages.get(name.namespace().get());
            if (s != null) {
                for (CandidateInfo c : s.candidates) {
                    if (!out.contains(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** Links a new candidate with every option value and qualified request known so far. */
    /** Option names namespaced to a package, made once per solve (every build of a package has the same). */
    private final Map<PkgName, Map<OptName, OptName>> qualifiedNames = new java.util.HashMap<>();

    private OptName qualified(OptName name, PkgName pkg) {
        return qualifiedNames.computeIfAbsent(pkg, k -> new java.util.HashMap<>())
                .computeIfAbsent(name, n -> n.withNamespace(pkg));
    }

    void linkOptions(CandidateInfo c) {
        PkgName pkg = c.spec.pkg().name();
        java.util.Set<OptName> names = new java.util.LinkedHashSet<>();
        for (spk.spec.model.Opt o : c.spec.options()) {
            names.add(o.fullName());
            candidatesByOptionName.computeIfAbsent(o.fullName(), k -> new ArrayList<>()).add(c);
        }
        for (OptName name : names) {
            for (OptName asked : new OptName[] {name, qualified(name, pkg)}) {
                Map<String, Integer> values = valueVars.get(asked);
                if (values != null) {
                    for (Map.Entry<String, Integer> e : new ArrayList<>(values.entrySet())) {
                        linkValue(c, asked, e.getKey(), e.getValue());
                    }
                }
            }
        }
        for (OptName qualified : qualifiedByPackage.getOrDefault(pkg, List.of())) {
            requireOption(c, qualified, qualifiedFlagVars.get(qualified));
        }
    }


    /** The value variable a var request sets, or null when it sets no value. */
    Integer valueVarOf(VarRequestInfo v) {
        return v.valueVar == 0 ? null : v.valueVar;
    }

    /**
     * The value variables of the var requests in force once the candidates {@code decided}
     * accepts are chosen: the command line's, and the install-level var requirements of those.
     */
    List<Integer> valueVarsInForce(java.util.function.IntPredicate decided) {
        List<Integer> out = new ArrayList<>();
        for (VarRequestInfo v : withValues) {
            if (v.owner == null ? v.activation == v.group.id() : decided.test(v.owner.var())
                    && v.activation == v.owner.var()) {
                out.add(v.valueVar);
            }
        }
        return out;
    }

    /**
     * An unqualified value of the command line does not apply to a package the command line
     * also names the option qualified for (what {@code certainReasonAgainst} may say for sure).
     */
    boolean ignoredFor(int valueVar, CandidateInfo c) {
        for (Map.Entry<OptName, Map<String, Integer>> e : valueVars.entrySet()) {
            if (e.getValue().containsValue(valueVar)) {
                if (e.getKey().namespace().isPresent()) {
                    return false;
                }
                // a qualified request of the command line (linking made flags for every package it rejects)
                OptName qualified = e.getKey().withNamespace(c.spec.pkg().name());
                return topLevel.stream().anyMatch(v -> v.request.var().equals(qualified));
            }
        }
        return false;
    }
}
