package spk.solver.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spk.constraint.ConstraintModel;
import spk.constraint.Group;
import spk.constraint.GrowingOr;
import spk.constraint.PackageVars;
import spk.grammar.build.Build;
import spk.grammar.build.EmbeddedSource;
import spk.grammar.compat.Compatibility;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;
import spk.solver.InitialRequest;
import spk.solver.Source;
import spk.solver.SolveRequest;
import spk.solver.repository.PackageRepository;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.InstallSpec;
import spk.spec.model.PackageSpec;

/**
 * Compiles an SPK solve into a {@link ConstraintModel}, lazily: a package's candidates are added
 * when something requests it, and a candidate's requirements when a model chooses it. Every
 * acceptance rule of SPK §3.2 becomes clauses:
 *
 * <ul>
 *   <li>at most one candidate per package (in {@link PackageVars});
 *   <li>a request in force needs a candidate that satisfies it, and rules out the ones that
 *       do not (version, components, build, repository, {@code required} vars, source rules);
 *   <li>a chosen candidate's requirements, and those of each component in use, are in force;
 *       components in use pull in the components they use and the packages they embed;
 *   <li>pre-release versions need a request that allows them and none that forbids them;
 *       deprecated builds need a request naming them exactly;
 *   <li>var requests rule out candidates whose options disagree, except that an unqualified
 *       request is ignored for a package when a request qualified for it exists; var
 *       requirements that disagree with other values of the same option cannot hold together.
 * </ul>
 *
 * Each request and var request is a {@link Group}, so a conflict can be explained as a minimal
 * set of them.
 */
public final class SolveEncoding {
    private final ConstraintModel model = new ConstraintModel();
    private final spk.solver.trace.SolveTrace trace = new spk.solver.trace.SolveTrace();
    private final SolveRequest solve;
    private final spk.solver.OrderSettings order;
    private final int firstVersions;
    private final BuildEnvironments buildEnvironments;
    /** Why a recipe could not be offered for building from source, by its ident; for explanations. */
    private final Map<String, String> unbuildable = new LinkedHashMap<>();
    private final Map<PkgName, PackageState> packages = new LinkedHashMap<>();
    private final Map<PackageVars, PackageState> statesByVars = new java.util.IdentityHashMap<>();
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
    private final Map<Integer, Map<CandidateInfo, String>> valueRejections = new HashMap<>();
    private final Map<VarRequestInfo, Integer> valueVarOfRequest = new HashMap<>();
    private final Map<Integer, CandidateInfo> byVar = new HashMap<>();
    private final Map<String, CandidateInfo> byKey = new HashMap<>();
    private final Map<Integer, RequestInfo> requestsByGroup = new HashMap<>();
    private final Map<Integer, VarRequestInfo> varRequestsByGroup = new HashMap<>();
    private final List<RequestInfo> initialRequests = new ArrayList<>();
    private final Map<RequestInfo, Map<CandidateInfo, String>> rejections = new LinkedHashMap<>();
    /** Install requirements: the candidate whose choice puts them in force. */
    private final Map<RequestInfo, Integer> requirementOwner = new HashMap<>();
    /** Component requirements: the component whose use puts them in force. */
    private final Map<RequestInfo, Component> requirementComponent = new HashMap<>();
    /** Every requirement (install or component): the candidate it belongs to. */
    private final Map<RequestInfo, Integer> ownerOf = new HashMap<>();

    /** One package name: its candidates, the requests on it, whether its builds were listed. */
    static final class PackageState {
        final PkgName name;
        final PackageVars vars;
        final List<CandidateInfo> candidates = new ArrayList<>();
        final List<RequestInfo> requests = new ArrayList<>();
        boolean expanded;
        /** No candidate can be added any more (all versions read, nothing embeds the package). */
        boolean closed;
        boolean embeddable;
        List<Version> versionsNewestFirst = List.of();
        int versionsCreated;
        private List<CandidateInfo> sorted;
        private spk.solver.backend.DecisionGuide.Guided guided;

        /** The candidates best first (cached until a candidate is added). */
        List<CandidateInfo> sorted() {
            if (sorted == null) {
                sorted = new ArrayList<>(candidates);
                sorted.sort((a, b) -> a.rank.compareTo(b.rank));
            }
            return sorted;
        }

        void changed() {
            sorted = null;
            guided = null;
        }

        PackageState(PkgName name, PackageVars vars) {
            this.name = name;
            this.vars = vars;
        }
    }

    public SolveEncoding(SolveRequest solve) {
        this(solve, DEFAULT_FIRST_VERSIONS);
    }

    /** @param firstVersions how many versions of each package to read at first (at least 1) */
    public SolveEncoding(SolveRequest solve, int firstVersions) {
        this(solve, firstVersions, request -> Optional.empty());
    }

    /** Resolves the build environment of a package to be built from source: its packages, or empty if impossible. */
    @FunctionalInterface
    public interface BuildEnvironments {
        Optional<List<PackageSpec>> resolve(SolveRequest request);
    }

    /**
     * @param firstVersions how many versions of each package to read at first (at least 1)
     * @param buildEnvironments how to solve a recipe's build environment (a nested solve)
     */
    public SolveEncoding(SolveRequest solve, int firstVersions, BuildEnvironments buildEnvironments) {
        this(solve, firstVersions, buildEnvironments, spk.solver.OrderSettings.DEFAULT);
    }

    /**
     * @param firstVersions how many versions of each package to read at first (at least 1)
     * @param buildEnvironments how to solve a recipe's build environment (a nested solve)
     * @param order which requests are decided first and which option names rank builds
     */
    public SolveEncoding(SolveRequest solve, int firstVersions, BuildEnvironments buildEnvironments,
            spk.solver.OrderSettings order) {
        this.order = order;
        if (firstVersions < 1) {
            throw new IllegalArgumentException("firstVersions must be at least 1");
        }
        this.solve = solve;
        this.firstVersions = firstVersions;
        this.buildEnvironments = buildEnvironments;
        for (InitialRequest ir : solve.requests()) {
            Request r = ir.request();
            if (r instanceof PkgRequest p) {
                Group g = model.newGroup(Group.Kind.REQUEST, ir.requestedBy() + " requests " + describe(p));
                initialRequests.add(addPkgRequest(p, 0, g, ir.requestedBy(), Component.RUN, ir.options()));
            } else if (r instanceof VarRequest v) {
                Group g = model.newGroup(Group.Kind.REQUEST, ir.requestedBy() + " requests " + v);
                addVarRequest(v, 0, g, ir.requestedBy(), null);
            }
        }
        for (Map.Entry<String, String> e : solve.options().entries().entrySet()) {
            if (!e.getValue().isEmpty()) {
                Group g = model.newGroup(Group.Kind.OPTION, "option " + e.getKey() + "=" + e.getValue());
                addVarRequest(VarRequest.of(OptName.parse(e.getKey()), e.getValue()), 0, g, "option", null);
            }
        }
    }

    private static String describe(PkgRequest p) {
        String s = p.toString();
        return p.inclusionPolicy() == InclusionPolicy.IF_ALREADY_PRESENT ? s + " (only if already present)" : s;
    }

    public ConstraintModel model() {
        return model;
    }

    /** What this solve ran into so far (SAT calls, rounds, rejections), for {@code --time}. */
    public spk.solver.trace.SolveTrace trace() {
        return trace;
    }

    // ------------------------------------------------------------------ requests

    /** The literal that holds while a request is in force: its group and its activation. */
    private int activeLiteral(Group g, int activation, String label) {
        if (activation == 0) {
            return g.id();
        }
        int a = model.newVar("in force: " + label);
        model.addClause(-g.id(), -activation, a);
        return a;
    }

    private RequestInfo addPkgRequest(PkgRequest req, int activation, Group group, String requestedBy,
            Component defaultComponent, OptionMap options) {
        PackageState state = expandName(req.pkg().name());
        int active = activeLiteral(group, activation, req.toString());
        RequestInfo info = new RequestInfo(req, active, group, requestedBy, defaultComponent, options);
        requestsByGroup.put(group.id(), info);
        if (req.inclusionPolicy() == InclusionPolicy.ALWAYS) {
            info.satisfiers = model.growingOr(active, "a candidate satisfying " + req, req.pkg().name());
        }
        state.requests.add(info);
        state.changed();
        for (CandidateInfo c : new ArrayList<>(state.candidates)) {
            link(info, c);
        }
        if (state.closed && info.satisfiers != null) {
            info.satisfiers.close();
        }
        coverRequests(state);
        return info;
    }

    private void link(RequestInfo r, CandidateInfo c) {
        Compatibility ok = Satisfaction.pkgRequest(r, c);
        if (!ok.isOk()) {
            model.addClause(-r.activation, -c.var());
            rejections.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(c, ok.toString());
            c.rejectedBy.add(Map.entry(r, ok.toString()));
            trace.rejected(c.spec.pkg().name().value(), ok.toString());
            return;
        }
        if (r.satisfiers != null) {
            r.satisfiers.add(c.var());
        }
        if (!c.spec.pkg().build().isSource()) {
            for (Component k : Satisfaction.requiredComponents(r, c.spec)) {
                Integer kv = c.componentVars.get(k);
                if (kv != null) {
                    model.addClause(-r.activation, -c.var(), kv);
                }
            }
        }
        if (c.prereleaseAllowed != null) {
            Optional<PreReleasePolicy> p = r.request.prereleasePolicy();
            if (p.isPresent() && p.get() == PreReleasePolicy.INCLUDE_ALL) {
                c.prereleaseAllowed.add(r.activation);
            } else if (p.isPresent()) {
                model.addClause(-r.activation, -c.var());
                rejections.computeIfAbsent(r, k -> new LinkedHashMap<>()).put(c, "pre-releases are excluded");
                c.rejectedBy.add(Map.entry(r, "pre-releases are excluded"));
            }
        }
        if (c.namedExactly != null && r.request.pkg().build().isPresent()
                && r.request.pkg().build().get().equals(c.spec.pkg().build())) {
            c.namedExactly.add(r.activation);
        }
    }

    private void addVarRequest(VarRequest req, int activation, Group group, String requestedBy, CandidateInfo owner) {
        int active = activeLiteral(group, activation, req.toString());
        VarRequestInfo info = new VarRequestInfo(req, active, group, requestedBy, owner);
        varRequestsByGroup.put(group.id(), info);
        OptName name = req.var();
        if (name.namespace().isPresent()) {
            int q = flagFor(name);
            model.addImplication(active, q);
            qualifiedFlags.get(name).add(active);
        }
        if (req.value().isEmpty()) {
            return;
        }
        int a = valueVar(name, req.value());
        valueVarOfRequest.put(info, a);
        model.addImplication(active, a);
        model.addImplication(active, baseValueVar(name.base(), req.value()));
        if (owner == null) {
            return;
        }
        // a var requirement clashes with every other value of its option (SPK's VarRequirementsValidator)
        if (name.namespace().isEmpty()) {
            plainRequirementsByBase.computeIfAbsent(name.base(), k -> new ArrayList<>()).add(info);
            baseValueVars.get(name.base()).forEach((value, b) -> {
                if (!value.equals(req.value())) {
                    model.addClause(-active, -b);
                }
            });
        } else {
            namespacedRequirements.computeIfAbsent(name, k -> new ArrayList<>()).add(info);
            valueVars.get(name).forEach((value, v) -> {
                if (!value.equals(req.value())) {
                    model.addClause(-active, -v);
                }
            });
        }
    }

    /** The variable "some request in force sets {@code name} to {@code value}", linked on creation. */
    private int valueVar(OptName name, String value) {
        Map<String, Integer> byValue = valueVars.computeIfAbsent(name, k -> new LinkedHashMap<>());
        Integer existing = byValue.get(value);
        if (existing != null) {
            return existing;
        }
        int a = model.newVar("some request sets " + name + "=" + value);
        byValue.put(value, a);
        for (CandidateInfo c : candidatesAnswering(name)) {
            linkValue(c, name, value, a);
        }
        for (VarRequestInfo q : namespacedRequirements.getOrDefault(name, List.of())) {
            if (!q.request.value().equals(value)) {
                model.addClause(-q.activation, -a);
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
        int b = model.newVar("some request sets an option named " + base + " to " + value);
        byValue.put(value, b);
        for (VarRequestInfo q : plainRequirementsByBase.getOrDefault(base, List.of())) {
            if (!q.request.value().equals(value)) {
                model.addClause(-q.activation, -b);
            }
        }
        return b;
    }

    /** Rules {@code c} out while a request sets {@code name=value} its options disagree with. */
    private void linkValue(CandidateInfo c, OptName name, String value, int valueVar) {
        Compatibility ok = Satisfaction.varRequest(VarRequest.of(name, value), c.spec);
        if (ok.isOk()) {
            return;
        }
        valueRejections.computeIfAbsent(valueVar, k -> new LinkedHashMap<>()).put(c, ok.toString());
        c.rejectedBy.add(Map.entry(valueVar, ok.toString()));
        trace.rejected(c.spec.pkg().name().value(), ok.toString());
        if (name.namespace().isEmpty()) {
            // ignored for this package when a request qualified for it is in force
            int q = flagFor(name.withNamespace(c.spec.pkg().name()));
            model.addClause(-valueVar, -c.var(), q);
        } else {
            model.addClause(-valueVar, -c.var());
        }
    }

    /** The variable "some request in force names {@code qualified}" ({@code pkg.var}), exact. */
    private int flagFor(OptName qualified) {
        Integer existing = qualifiedFlagVars.get(qualified);
        if (existing != null) {
            return existing;
        }
        int q = model.newVar("some request for " + qualified);
        qualifiedFlagVars.put(qualified, q);
        qualifiedFlags.put(qualified, model.growingOr(q, "a request for " + qualified));
        PkgName pkg = qualified.namespace().orElseThrow();
        qualifiedByPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(qualified);
        PackageState s = packages.get(pkg);
        if (s != null) {
            for (CandidateInfo c : s.candidates) {
                requireOption(c, qualified, q);
            }
        }
        return q;
    }

    /** A request for {@code pkg.x} rules out builds of pkg that have no option x. */
    private void requireOption(CandidateInfo c, OptName qualified, int flag) {
        Compatibility ok = Satisfaction.varRequest(VarRequest.of(qualified, ""), c.spec);
        if (!ok.isOk()) {
            model.addClause(-flag, -c.var());
            valueRejections.computeIfAbsent(flag, k -> new LinkedHashMap<>()).put(c, ok.toString());
            c.rejectedBy.add(Map.entry(flag, ok.toString()));
        }
    }

    /** The candidates with an option a request for {@code name} applies to. */
    private List<CandidateInfo> candidatesAnswering(OptName name) {
        List<CandidateInfo> out = new ArrayList<>(candidatesByOptionName.getOrDefault(name, List.of()));
        if (name.namespace().isPresent()) {
            PackageState s = packages.get(name.namespace().get());
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
    private void linkOptions(CandidateInfo c) {
        PkgName pkg = c.spec.pkg().name();
        java.util.Set<OptName> names = new java.util.LinkedHashSet<>();
        for (spk.spec.model.Opt o : c.spec.options()) {
            names.add(o.fullName());
            candidatesByOptionName.computeIfAbsent(o.fullName(), k -> new ArrayList<>()).add(c);
        }
        for (OptName name : names) {
            for (OptName asked : new OptName[] {name, name.withNamespace(pkg)}) {
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

    // ------------------------------------------------------------------ packages and candidates

    private PackageState state(PkgName name) {
        return packages.computeIfAbsent(name, n -> {
            PackageState st = new PackageState(n, model.pkg(n.value()));
            statesByVars.put(st.vars, st);
            return st;
        });
    }

    /** How many versions of a package are read at first by default, newest first (see docs/solver.md). */
    public static final int DEFAULT_FIRST_VERSIONS = 5;

    /**
     * Starts a package: lists its versions, creates the candidates of the newest few (and of
     * every build that embeds it), once. Older versions wait behind the package's open ends
     * until a request's range needs them ({@link #coverRequests}) or an unsatisfiable answer
     * leans on their absence ({@link #growFor}); most solves never read them.
     */
    private PackageState expandName(PkgName name) {
        PackageState state = state(name);
        if (state.expanded) {
            return state;
        }
        state.expanded = true;
        java.util.TreeSet<Version> versions = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (PackageRepository repo : solve.repositories()) {
            versions.addAll(repo.versions(name));
        }
        state.versionsNewestFirst = new ArrayList<>(versions);
        for (PackageRepository repo : solve.repositories()) {
            for (PackageSpec parent : repo.embeddedBy(name)) {
                state.embeddable = true;
                candidateFor(parent, repo, BuildKeys.order(repo.builds(parent.pkg().name(), parent.pkg().version()),
                        order.buildKeyNames()).getOrDefault(parent.pkg(), 0));
            }
        }
        createVersions(state, firstVersions);
        return state;
    }

    /** Creates the candidates of the next {@code count} versions (all builds of each, from every repository). */
    private void createVersions(PackageState state, int count) {
        int end = Math.min(state.versionsNewestFirst.size(), state.versionsCreated + count);
        for (; state.versionsCreated < end; state.versionsCreated++) {
            Version v = state.versionsNewestFirst.get(state.versionsCreated);
            List<Map.Entry<PackageRepository, PackageSpec>> builds = new ArrayList<>();
            for (PackageRepository repo : solve.repositories()) {
                for (PackageSpec spec : repo.builds(state.name, v)) {
                    builds.add(Map.entry(repo, spec));
                }
            }
            Map<BuildIdent, Integer> rankOf = BuildKeys.order(builds.stream().map(Map.Entry::getValue).toList(),
                    order.buildKeyNames());
            for (Map.Entry<PackageRepository, PackageSpec> rs : builds) {
                candidateFor(rs.getValue(), rs.getKey(), rankOf.getOrDefault(rs.getValue().pkg(), 0));
            }
            if (solve.allowBuilds()) {
                for (PackageRepository repo : solve.repositories()) {
                    repo.recipe(state.name, v).ifPresent(r -> fromSource(r, repo));
                }
            }
        }
        if (state.versionsCreated == state.versionsNewestFirst.size() && !state.embeddable && !state.closed) {
            // every build is a candidate and nothing can embed the package: its lists are complete
            state.closed = true;
            state.vars.close();
            for (RequestInfo r : state.requests) {
                if (r.satisfiers != null) {
                    r.satisfiers.close();
                }
            }
        }
    }

    /**
     * Reads older versions until each request that must be met has at least one version in its
     * range: a cheap look at version numbers only, which spares most solves a round trip
     * through an unsatisfiable answer.
     */
    private void coverRequests(PackageState state) {
        List<RequestInfo> always = new ArrayList<>();
        for (RequestInfo r : state.requests) {
            if (r.request.inclusionPolicy() == InclusionPolicy.ALWAYS) {
                always.add(r);
                while (state.versionsCreated < state.versionsNewestFirst.size() && !coversSomeCreated(state, r)) {
                    createVersions(state, 1);
                }
            }
        }
        // and the newest version that all of them accept, when the requests meet in one solution
        if (always.size() > 1) {
            for (int i = 0; i < state.versionsNewestFirst.size(); i++) {
                Version v = state.versionsNewestFirst.get(i);
                if (always.stream().allMatch(r -> r.request.pkg().version().isApplicable(v).isOk())) {
                    createVersions(state, i + 1 - state.versionsCreated);
                    break;
                }
            }
        }
    }

    private static boolean coversSomeCreated(PackageState state, RequestInfo r) {
        for (int i = 0; i < state.versionsCreated; i++) {
            if (r.request.pkg().version().isApplicable(state.versionsNewestFirst.get(i)).isOk()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The literals of {@code core} that assume "no candidate beyond those read" for a package
     * that has unread versions: an unsatisfiable answer that leans on one of them may not hold
     * once more versions are read.
     */
    public List<Integer> unreadVersionAssumptions(int[] core) {
        List<Integer> out = new ArrayList<>();
        for (int lit : core) {
            PackageState state = stateOwning(model.openEndOwner(lit));
            if (state != null) {
                trace.inConflict(state.name.value());
            }
            if (state != null && state.versionsCreated < state.versionsNewestFirst.size()) {
                out.add(lit);
            }
        }
        return out;
    }

    /**
     * Reads more versions (doubling what was read) of the packages behind those assumptions that
     * {@code model} (a solution with them relaxed) really uses, or of all of them if it uses none.
     */
    public void readMoreVersions(List<Integer> assumptions, boolean[] model) {
        List<PackageState> used = new ArrayList<>();
        List<PackageState> all = new ArrayList<>();
        for (int lit : assumptions) {
            PackageState state = stateOwning(this.model.openEndOwner(lit));
            if (state != null && !all.contains(state)) {
                all.add(state);
                if (isTrue(model, -lit)) {
                    used.add(state);
                }
            }
        }
        for (PackageState state : used.isEmpty() ? all : used) {
            createVersions(state, Math.max(firstVersions, state.versionsCreated));
        }
    }

    /** The package an open end is about: a request's satisfiers or a package's candidates; else null. */
    private PackageState stateOwning(Object owner) {
        if (owner instanceof PkgName n) {
            return packages.get(n);
        }
        if (owner instanceof PackageVars pv) {
            return statesByVars.get(pv);
        }
        return null;
    }

    /** Reads every version of a package (an embedded copy is chosen and older real builds rank above it). */
    public void readAllVersions(PkgName name) {
        PackageState state = packages.get(name);
        if (state != null) {
            createVersions(state, state.versionsNewestFirst.size());
        }
    }

    /** True if some version of the package has not been read. */
    public boolean hasUnreadVersions(PkgName name) {
        PackageState state = packages.get(name);
        return state != null && state.versionsCreated < state.versionsNewestFirst.size();
    }

    /**
     * The candidate of building a recipe from source (SPK's source build for a binary request):
     * its build environment is solved now, with the solve's options, and the would-be build spec
     * generated from it. None when the recipe is deprecated, already being built further up
     * (a loop), or its build environment cannot be solved.
     */
    private void fromSource(spk.spec.model.Recipe recipe, PackageRepository repo) {
        String ident = recipe.pkg().toString();
        String key = "src:" + repo.name() + "/" + ident;
        if (byKey.containsKey(key) || unbuildable.containsKey(ident)) {
            return;
        }
        if (recipe.deprecated()) {
            unbuildable.put(ident, "the recipe is deprecated");
            return;
        }
        if (solve.building().contains(ident)) {
            unbuildable.put(ident, "building it needs itself (a build loop)");
            return;
        }
        OptionMap given = solve.options();
        spk.spec.variant.HostOptions host = hostFrom(given);
        spk.spec.variant.ResolvedVariant variant = new spk.spec.variant.ResolvedVariant(OptionMap.EMPTY, List.of());
        PackageSpec spec;
        try {
            List<InitialRequest> env = new ArrayList<>();
            for (Request r : spk.spec.variant.BuildRequirements.of(recipe, variant, given, host)) {
                env.add(new InitialRequest(r, "the build of " + ident, OptionMap.EMPTY));
            }
            Set<String> building = new java.util.HashSet<>(solve.building());
            building.add(ident);
            Optional<List<PackageSpec>> resolved = buildEnvironments.resolve(
                    new SolveRequest(solve.repositories(), env, given, true, building));
            if (resolved.isEmpty()) {
                unbuildable.put(ident, "its build environment cannot be resolved");
                return;
            }
            spec = new spk.spec.variant.BuiltSpecGenerator(host).generate(recipe, variant, given, resolved.get(),
                    Map.of());
        } catch (RuntimeException e) {
            unbuildable.put(ident, "cannot build it with these options: " + e.getMessage());
            return;
        }
        Set<Component> available = new TreeSet<>(Set.of(Component.BUILD, Component.RUN));
        spec.install().components().forEach(cs -> available.add(cs.name()));
        String label = "build " + spec.pkg() + " from " + repo.name() + "/" + ident;
        RankKey rank = new RankKey(0, spec.pkg().version(), RankKey.FROM_SOURCE, 0, label);
        CandidateInfo c = create(spec, new Source.BuildFromSource(repo.name()), rank, available, label);
        byKey.put(key, c);
        addEmbeddedOf(c);
    }

    /** The host values as the solve's options give them (empty with {@code --no-host}). */
    private static spk.spec.variant.HostOptions hostFrom(OptionMap options) {
        Optional<String> distro = options.get("distro");
        spk.spec.variant.HostOptions bare = new spk.spec.variant.HostOptions(options.get("os").orElse(""),
                options.get("arch").orElse(""), distro, Optional.empty());
        return distro.isEmpty() ? bare : new spk.spec.variant.HostOptions(bare.os(), bare.arch(), distro,
                options.get(bare.distroVarName()));
    }

    /** Why recipes could not be offered for building from source, by recipe ident. */
    public Map<String, String> unbuildable() {
        return java.util.Collections.unmodifiableMap(unbuildable);
    }

    /** The candidate of a published build, created on first use (with its embedded copies). */
    private CandidateInfo candidateFor(PackageSpec spec, PackageRepository repo, int buildOrder) {
        String key = "repo:" + spec.pkg();
        CandidateInfo existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        Set<Component> available = spec.pkg().build().isSource() ? Set.of(Component.SOURCE)
                : repo.publishedComponents(spec.pkg());
        RankKey rank = new RankKey(0, spec.pkg().version(), RankKey.BINARY, buildOrder, repo.name() + "/" + spec.pkg());
        CandidateInfo c = create(spec, new Source.Repository(repo.name()), rank, available,
                repo.name() + "/" + spec.pkg());
        byKey.put(key, c);
        addEmbeddedOf(c);
        return c;
    }

    private CandidateInfo create(PackageSpec spec, Source source, RankKey rank, Set<Component> available,
            String label) {
        PackageState state = state(spec.pkg().name());
        var candidate = state.vars.addCandidate(label);
        CandidateInfo c = new CandidateInfo(candidate, spec, source, rank, available);
        byVar.put(c.var(), c);
        state.candidates.add(c);
        state.changed();
        Set<Component> matter = componentsThatMatter(spec);
        for (ComponentSpec cs : spec.install().components()) {
            if (matter.contains(cs.name())) {
                int kv = model.newVar(label + ":" + cs.name());
                c.componentVars.put(cs.name(), kv);
                model.addImplication(kv, c.var());
            }
        }
        for (ComponentSpec cs : spec.install().components()) {
            if (!matter.contains(cs.name())) {
                continue;
            }
            for (Component used : cs.uses()) {
                Integer uv = c.componentVars.get(used);
                if (uv != null) {
                    model.addImplication(c.componentVars.get(cs.name()), uv);
                }
            }
        }
        if (spec.deprecated()) {
            c.namedExactly = model.growingOr(c.var(), label + " is deprecated and must be requested exactly");
        }
        if (spec.pkg().version().isPreRelease()) {
            c.prereleaseAllowed = model.growingOr(c.var(), label + " is a pre-release");
        }
        for (RequestInfo r : new ArrayList<>(state.requests)) {
            link(r, c);
        }
        linkOptions(c);
        return c;
    }

    /**
     * The components whose use changes what else must hold: those with their own requirements
     * or embedded packages, and those that use one of them. Only these get a variable; which of
     * the others are installed follows from the requests alone (see {@link #closure}), and most
     * builds have none, which keeps the model about a third the size.
     */
    private static Set<Component> componentsThatMatter(PackageSpec spec) {
        Set<Component> out = new java.util.HashSet<>();
        for (ComponentSpec cs : spec.install().components()) {
            if (!cs.requirements().isEmpty() || !cs.embedded().isEmpty()) {
                out.add(cs.name());
            }
        }
        boolean grew = !out.isEmpty();
        while (grew) {
            grew = false;
            for (ComponentSpec cs : spec.install().components()) {
                if (!out.contains(cs.name()) && cs.uses().stream().anyMatch(out::contains)) {
                    grew = out.add(cs.name());
                }
            }
        }
        return out;
    }

    /** Creates the embedded copies a candidate carries, tied to the components that hold them. */
    private void addEmbeddedOf(CandidateInfo parent) {
        for (EmbeddedPackageSpec e : parent.spec.install().embedded()) {
            List<ComponentSpec> holders = new ArrayList<>();
            for (ComponentSpec cs : parent.spec.install().components()) {
                if (cs.embedded().stream().anyMatch(ce -> ce.pkg().equals(e.pkg().name()))) {
                    holders.add(cs);
                }
            }
            TreeSet<Component> holderNames = new TreeSet<>();
            holders.forEach(h -> holderNames.add(h.name()));
            PackageSpec spec = embeddedSpec(parent.spec, e, holderNames);
            Set<Component> available = new TreeSet<>();
            spec.install().components().forEach(cs -> available.add(cs.name()));
            RankKey rank = new RankKey(1, spec.pkg().version(), RankKey.BINARY, 0, spec.pkg().toString());
            CandidateInfo ec = create(spec, new Source.Embedded(parent.spec.pkg(), holderNames), rank, available,
                    spec.pkg().toString());
            ec.parent = parent;
            ec.holders = holderNames;
            model.addImplication(ec.var(), parent.var());
            int[] needsHolder = new int[holders.size() + 1];
            needsHolder[0] = -ec.var();
            for (int i = 0; i < holders.size(); i++) {
                needsHolder[i + 1] = parent.componentVars.get(holders.get(i).name());
            }
            model.addClause(needsHolder);
            for (ComponentSpec h : holders) {
                int hv = parent.componentVars.get(h.name());
                model.addImplication(hv, ec.var());
                for (ComponentEmbed ce : h.embedded()) {
                    if (!ce.pkg().equals(e.pkg().name())) {
                        continue;
                    }
                    for (Component k : Satisfaction.withUses(ce.components(), spec)) {
                        Integer kv = ec.componentVars.get(k);
                        if (kv != null) {
                            model.addImplication(hv, kv);
                        }
                    }
                }
            }
        }
    }

    /** An embedded package as a package spec whose build names its parent: {@code embedded[maya:run/2019/ABC]}. */
    private static PackageSpec embeddedSpec(PackageSpec parent, EmbeddedPackageSpec e, TreeSet<Component> holders) {
        String unparsed = parent.pkg().name() + spk.grammar.ident.Components.suffix(holders) + "/"
                + parent.pkg().version().toSerialized() + "/" + parent.pkg().build();
        EmbeddedSource source = new EmbeddedSource(parent.pkg().name(), holders, Optional.of(parent.pkg().version()),
                Optional.of(parent.pkg().build()), unparsed);
        BuildIdent ident = new BuildIdent(e.pkg().name(), e.pkg().version(), new Build.Embedded(Optional.of(source)));
        return new PackageSpec(ident, e.meta(), e.compat(), false, List.of(), e.options(),
                new InstallSpec(e.requirements(), List.of(), e.components(), List.of()), List.of());
    }

    /** Encodes a chosen candidate's requirements (and those of its components). */
    public void expand(int candidateVar) {
        CandidateInfo c = byVar.get(candidateVar);
        if (c == null || c.expanded) {
            return;
        }
        c.expanded = true;
        for (Request r : c.spec.install().requirements()) {
            RequestInfo info = addRequirement(c, r, c.var(), c.label(), Component.RUN);
            if (info != null) {
                requirementOwner.put(info, c.var());
                c.installRequirements.add(info);
            }
        }
        for (ComponentSpec cs : c.spec.install().components()) {
            Integer kv = c.componentVars.get(cs.name());
            Component dflt = cs.name().equals(Component.BUILD) ? Component.BUILD : Component.RUN;
            for (Request r : cs.requirements()) {
                RequestInfo info = addRequirement(c, r, kv, c.label() + ":" + cs.name(), dflt);
                if (info != null) {
                    requirementComponent.put(info, cs.name());
                    c.componentRequirements.computeIfAbsent(cs.name(), k -> new ArrayList<>()).add(info);
                }
            }
        }
    }

    private RequestInfo addRequirement(CandidateInfo c, Request r, int activation, String who, Component dflt) {
        if (r instanceof PkgRequest p) {
            Group g = model.newGroup(Group.Kind.REQUIREMENT, who + " requires " + describe(p));
            RequestInfo info = addPkgRequest(p, activation, g, who, dflt, OptionMap.EMPTY);
            c.requirements.add(info);
            ownerOf.put(info, c.var());
            return info;
        } else if (r instanceof VarRequest v) {
            Group g = model.newGroup(Group.Kind.REQUIREMENT, who + " requires " + v);
            addVarRequest(v, activation, g, who, c);
        }
        return null;
    }

    // ------------------------------------------------------------------ reading models

    /**
     * The literals a solve assumes: every group selected (unless the groups are asserted
     * elsewhere, or relaxed), every open end closed, and {@code extra}.
     */
    public int[] assumptions(List<Integer> extra, Set<Integer> relaxedGroups, boolean includeGroups) {
        List<Integer> out = new ArrayList<>();
        for (Group g : includeGroups ? model.groups() : List.<Group>of()) {
            if (!relaxedGroups.contains(g.id())) {
                out.add(g.id());
            }
        }
        for (int o : model.openEnds()) {
            out.add(o);
        }
        out.addAll(extra);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public CandidateInfoView candidate(int var) {
        CandidateInfo c = byVar.get(var);
        return c == null ? null : new CandidateInfoView(c);
    }

    /** The chosen candidate of each package in a model, by package name. */
    public Map<PkgName, CandidateInfoView> chosen(boolean[] values) {
        Map<PkgName, CandidateInfoView> out = new LinkedHashMap<>();
        for (PackageState s : packages.values()) {
            for (CandidateInfo c : s.candidates) {
                if (isTrue(values, c.var())) {
                    out.put(s.name, new CandidateInfoView(c));
                }
            }
        }
        return out;
    }

    /** Chosen candidates whose requirements are not encoded yet. */
    public List<Integer> unexpandedChosen(boolean[] values) {
        List<Integer> out = new ArrayList<>();
        for (PackageState s : packages.values()) {
            for (CandidateInfo c : s.candidates) {
                if (!c.expanded && isTrue(values, c.var())) {
                    out.add(c.var());
                }
            }
        }
        return out;
    }

    /** The candidates of a package, best first. */
    public List<CandidateInfoView> ranked(PkgName name) {
        PackageState s = packages.get(name);
        if (s == null) {
            return List.of();
        }
        return s.sorted().stream().map(CandidateInfoView::new).toList();
    }

    /** The package requests on a package in force in a model, in the order they appeared. */
    public List<RequestView> activeRequests(PkgName name, boolean[] values) {
        PackageState s = packages.get(name);
        List<RequestView> out = new ArrayList<>();
        if (s != null) {
            for (RequestInfo r : s.requests) {
                if (isTrue(values, r.activation)) {
                    out.add(new RequestView(r));
                }
            }
        }
        return out;
    }

    /** The requirements of a candidate in force in a model, in order: package names to visit next. */
    public List<PkgName> requiredNames(int candidateVar, boolean[] values) {
        List<PkgName> out = new ArrayList<>();
        CandidateInfo c = byVar.get(candidateVar);
        for (RequestInfo r : c.requirements) {
            if (isTrue(values, r.activation) && !out.contains(r.request.pkg().name())) {
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

    /**
     * What the decided packages need, worked out from their specs rather than from a model (a
     * model may switch on things nothing asks for): the components in use of each decided
     * package, and the packages that Always-requests of decided packages (or the initial
     * requests) ask for but that are not decided yet, in the order they are met.
     */
    public record Closure(Map<PkgName, Set<Component>> usedComponents, List<PkgName> pending,
            Map<PkgName, String> requestedBy) {}

    public Closure closure(Map<PkgName, Integer> decided) {
        Map<PkgName, Set<Component>> used = new LinkedHashMap<>();
        Set<PkgName> pending = new java.util.LinkedHashSet<>();
        Map<PkgName, String> requestedBy = new LinkedHashMap<>();
        List<RequestInfo> work = new ArrayList<>(initialRequests);
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
            CandidateInfo c = byVar.get(cv);
            if (!c.spec.pkg().build().isSource()) {
                Set<Component> comps = Satisfaction.requiredComponents(r, c);
                addUse(c, comps, used, work, ownerComps, expandedOwners, decided, pending);
            } else {
                addUse(c, Set.of(), used, work, ownerComps, expandedOwners, decided, pending);
            }
        }
        List<PkgName> inOrder = new ArrayList<>(pending);
        if (!order.requestPriority().isEmpty()) {
            // SPK keeps its requests sorted by these patterns (stably): the first pending one is decided next
            inOrder.sort(java.util.Comparator.comparingInt(n -> order.requestPriority().rank(n.value())));
        }
        return new Closure(used, inOrder, requestedBy);
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
                    addUse(byVar.get(pv), c.holders, used, work, ownerComps, expandedOwners, decided, pending);
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
                    CandidateInfo ec = byVar.get(ev);
                    addUse(ec, Satisfaction.withUses(ce.components(), ec.spec), used, work, ownerComps, expandedOwners,
                            decided, pending);
                }
            }
        }
    }

    private static boolean isTrue(boolean[] values, int var) {
        return var > 0 && var < values.length && values[var];
    }

    /** The initial package requests, in order. */
    public List<RequestView> initialRequests() {
        return initialRequests.stream().map(RequestView::new).toList();
    }

    /** Group → what it stands for, with the static reasons its request rejected candidates. */
    public Optional<RequestView> requestOfGroup(int groupId) {
        return Optional.ofNullable(requestsByGroup.get(groupId)).map(RequestView::new);
    }

    public Optional<String> varRequestOfGroup(int groupId) {
        return Optional.ofNullable(varRequestsByGroup.get(groupId)).map(Object::toString);
    }

    /** Why a request rules out candidates of its package (static reasons, in candidate order). */
    public Map<String, String> rejectionsOf(int groupId) {
        Map<String, String> out = new LinkedHashMap<>();
        RequestInfo r = requestsByGroup.get(groupId);
        if (r != null) {
            rejections.getOrDefault(r, Map.of()).forEach((c, why) -> out.put(c.label(), why));
        }
        VarRequestInfo v = varRequestsByGroup.get(groupId);
        if (v != null && valueVarOfRequest.containsKey(v)) {
            valueRejections.getOrDefault(valueVarOfRequest.get(v), Map.of()).forEach((c, why) -> out.put(c.label(), why));
        }
        return out;
    }

    /** Why candidate {@code var} was ruled out by any request in force in a model, if statically known. */
    public List<String> reasonsAgainst(int candidateVar, boolean[] values) {
        List<String> out = new ArrayList<>();
        CandidateInfo c = byVar.get(candidateVar);
        for (Map.Entry<Object, String> e : c.rejectedBy) {
            if (e.getKey() instanceof RequestInfo r && isTrue(values, r.activation)) {
                out.add(e.getValue() + " (" + r.request + ", requested by " + r.requestedBy + ")");
            }
        }
        for (Map.Entry<Object, String> e : c.rejectedBy) {
            if (e.getKey() instanceof Integer var && isTrue(values, var)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /**
     * A reason a candidate can never be used, whatever else is chosen: an install requirement
     * that no version in any repository meets; null when there is none or it is not certain
     * (the package may come embedded, or be built from a recipe).
     */
    public String unmeetableRequirement(int candidateVar) {
        CandidateInfo c = byVar.get(candidateVar);
        if (c == null || solve.allowBuilds()) {
            return null;
        }
        for (Request r : c.spec.install().requirements()) {
            if (!(r instanceof PkgRequest p) || p.inclusionPolicy() != InclusionPolicy.ALWAYS) {
                continue;
            }
            PkgName name = p.pkg().name();
            boolean known = false;
            boolean met = false;
            for (PackageRepository repo : solve.repositories()) {
                if (!repo.embeddedBy(name).isEmpty()) {
                    return null;
                }
                for (Version v : repo.versions(name)) {
                    known = true;
                    if (p.isVersionApplicable(v).isOk()) {
                        met = true;
                        break;
                    }
                }
            }
            if (!met) {
                return "requires " + p + (known ? ", which no version of " + name + " satisfies"
                        : ", and no repository has " + name);
            }
        }
        return null;
    }

    /**
     * A first guess for a package, as SPK's iterator would make it without backtracking: the
     * best candidate that no request in force (given the candidates decided) rules out, skipping
     * deprecated builds and pre-releases. Only used to hint the SAT solver; null if none fits.
     */
    public Integer greedyChoice(PkgName name, Map<PkgName, Integer> decided) {
        PackageState s = packages.get(name);
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
    public String certainReasonAgainst(int candidateVar, Map<PkgName, Integer> decided) {
        CandidateInfo c = byVar.get(candidateVar);
        PackageState s = packages.get(c.spec.pkg().name());
        return inForce(s, decided).reasonAgainst(c);
    }

    /** The requests and option values in force given the decided candidates. */
    private final class InForce {
        final List<RequestInfo> requests = new ArrayList<>();
        final List<Integer> valueVars = new ArrayList<>();

        String reasonAgainst(CandidateInfo c) {
            for (RequestInfo r : requests) {
                String why = rejections.getOrDefault(r, Map.of()).get(c);
                if (why != null) {
                    return why + " (" + r.request + ", requested by " + r.requestedBy + ")";
                }
            }
            for (int v : valueVars) {
                String why = valueRejections.getOrDefault(v, Map.of()).get(c);
                if (why != null && !isQualifiedSkip(v, c)) {
                    return why;
                }
            }
            return null;
        }
    }

    /** An unqualified value rule does not apply when a qualified request for the package may exist. */
    private boolean isQualifiedSkip(int valueVar, CandidateInfo c) {
        for (Map.Entry<OptName, Map<String, Integer>> e : valueVars.entrySet()) {
            if (e.getValue().containsValue(valueVar)) {
                return e.getKey().namespace().isEmpty()
                        && qualifiedFlagVars.containsKey(e.getKey().withNamespace(c.spec.pkg().name()));
            }
        }
        return false;
    }

    private InForce inForce(PackageState s, Map<PkgName, Integer> decided) {
        java.util.Set<Integer> owners = new java.util.HashSet<>(decided.values());
        InForce f = new InForce();
        for (RequestInfo r : s.requests) {
            Integer owner = ownerOf.get(r);
            boolean componentLevel = requirementComponent.containsKey(r);
            if (owner == null ? initialRequests.contains(r) : owners.contains(owner) && !componentLevel) {
                f.requests.add(r);
            }
        }
        valueVarOfRequest.forEach((v, var) -> {
            if (v.owner == null ? v.activation == v.group.id() : owners.contains(v.owner.var())
                    && v.activation == v.owner.var()) {
                f.valueVars.add(var);
            }
        });
        return f;
    }

    /**
     * The decision guide for back ends: per package (in the order they were met), the
     * activations of its Always requests and its candidates best first.
     */
    public spk.solver.backend.DecisionGuide guide() {
        List<spk.solver.backend.DecisionGuide.Guided> out = new ArrayList<>();
        for (PackageState s : packages.values()) {
            if (s.guided == null) {
                List<Integer> needs = new ArrayList<>();
                for (RequestInfo r : s.requests) {
                    if (r.satisfiers != null) {
                        needs.add(r.activation);
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
    public boolean isCandidate(int var) {
        return byVar.containsKey(var);
    }

    /** A read-only view of a candidate for the search and explanations. */
    public record CandidateInfoView(int var, PackageSpec spec, Source source, String label) {
        CandidateInfoView(CandidateInfo c) {
            this(c.var(), c.spec, c.source, c.label());
        }
    }

    /** A read-only view of a request. */
    public record RequestView(PkgRequest request, String requestedBy, int groupId, int activation) {
        RequestView(RequestInfo r) {
            this(r.request, r.requestedBy, r.group.id(), r.activation);
        }
    }
}
