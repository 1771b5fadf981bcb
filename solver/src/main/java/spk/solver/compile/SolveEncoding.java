package spk.solver.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.constraint.ConstraintModel;
import spk.constraint.Group;
import spk.constraint.PackageVars;
import spk.grammar.compat.Compatibility;
import spk.grammar.ident.Component;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.solver.InitialRequest;
import spk.solver.Source;
import spk.solver.SolveRequest;
import spk.spec.model.ComponentSpec;
import spk.spec.model.PackageSpec;
/**
 * Compiles an SPK solve into a {@link ConstraintModel}, lazily: a package's candidates are added
 * when something requests it, and a candidate's requirements when a model chooses it. Every
 * acceptance rule of SPK's validators becomes clauses, one class per rule
 * ({@link PkgRequestRule}, {@link ComponentsRule}, {@link RequiredVarsRule},
 * {@link DeprecationRule}, {@link PreReleaseRule}, {@link OptionsRule},
 * {@link VarRequirementsRule}):
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
 * set of them. The work is shared out: {@link CandidateLoader} reads candidates lazily,
 * {@link OptionRules} encodes var requests against build options, {@link Rejections} keeps why
 * builds were ruled out, and {@link SearchQueries} answers the search; this class encodes package
 * requests and requirements and is what the search and explanations hold.
 */
public final class SolveEncoding {
    /** How many versions of a package are read at first by default, newest first (see docs/solver.md). */
    public static final int DEFAULT_FIRST_VERSIONS = 5;

    private final EncodingState st;
    private final Rejections rejections;
    private final OptionRules options;
    private final CandidateLoader loader;
    private final SearchQueries queries;
    private final StepChecks steps;
    private final ExplanationOrder explanationOrder;

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
        st = new EncodingState(solve, firstVersions, buildEnvironments, order);
        rejections = new Rejections(st);
        options = new OptionRules(st, rejections);
        rejections.options(options);
        loader = new CandidateLoader(st, this::linkNew);
        queries = new SearchQueries(st, rejections, options);
        steps = new StepChecks(st, rejections, options);
        explanationOrder = new ExplanationOrder(st);
        ConstraintModel model = st.model;
        for (InitialRequest ir : solve.requests()) {
            Request r = ir.request();
            if (r instanceof PkgRequest p) {
                Group g = model.newGroup(Group.Kind.REQUEST, ir.requestedBy() + " requests " + describe(p));
                st.initialRequests.add(addPkgRequest(p, 0, null, null, g, ir.requestedBy(), Component.RUN,
                        ir.options()));
            } else if (r instanceof VarRequest v) {
                Group g = model.newGroup(Group.Kind.REQUEST, ir.requestedBy() + " requests " + v);
                addVarRequest(v, 0, g, ir.requestedBy(), null, true);
            }
        }
        for (Map.Entry<String, String> e : solve.options().entries().entrySet()) {
            if (!e.getValue().isEmpty()) {
                Group g = model.newGroup(Group.Kind.OPTION, "option " + e.getKey() + "=" + e.getValue());
                addVarRequest(VarRequest.of(OptName.parse(e.getKey()), e.getValue()), 0, g, "option", null, true);
            }
        }
    }

    private static String describe(PkgRequest p) {
        String s = p.toString();
        return p.inclusionPolicy() == InclusionPolicy.IF_ALREADY_PRESENT ? s + " (only if already present)" : s;
    }

    public ConstraintModel model() {
        return st.model;
    }

    /** What this solve ran into so far (SAT calls, rounds, rejections), for {@code --time}. */
    public spk.solver.trace.SolveTrace trace() {
        return st.trace;
    }

    // ------------------------------------------------------------------ requests

    /** The literal that holds while a request is in force: its group and its activation. */
    private int activeLiteral(Group g, int activation, String label) {
        if (activation == 0) {
            return g.id();
        }
        int a = st.model.newVar("in force: " + label);
        st.model.addClause(-g.id(), -activation, a);
        return a;
    }

    private RequestInfo addPkgRequest(PkgRequest req, int owner, CandidateInfo ownerCandidate, Component component,
            Group group, String requestedBy, Component defaultComponent, OptionMap requestOptions) {
        PackageState state = loader.expandName(req.pkg().name());
        SharedRequest shared = shared(state, req, defaultComponent, requestOptions);
        RequestInfo info = new RequestInfo(req, group, owner, ownerCandidate, component, requestedBy, shared,
                st.requestCount++);
        if (owner == 0) {
            st.model.addImplication(group.id(), shared.var);
        } else {
            st.model.addClause(-group.id(), -owner, shared.var);
        }
        st.requestsByGroup.put(group.id(), info);
        shared.members.add(info);
        state.requests.add(info);
        return info;
    }

    /** The request of this text on the package, made (and linked with every candidate) on first use. */
    private SharedRequest shared(PackageState state, PkgRequest req, Component defaultComponent,
            OptionMap requestOptions) {
        String key = SharedRequest.key(req, defaultComponent, requestOptions);
        SharedRequest existing = state.sharedByKey.get(key);
        if (existing != null) {
            return existing;
        }
        SharedRequest s = new SharedRequest(req, defaultComponent, requestOptions,
                st.model.newVar("some request for " + describe(req) + " is in force"), state);
        state.sharedByKey.put(key, s);
        state.shared.add(s);
        state.requestsChanged();
        if (s.always()) {
            s.satisfiers = st.model.growingOr(s.var, "a candidate satisfying " + req, req.pkg().name());
        }
        for (CandidateInfo c : new ArrayList<>(state.candidates)) {
            link(s, c);
        }
        loader.coverRequests(state);
        loader.closeCompleteRequests(state);
        return s;
    }

    private VarRequestInfo addVarRequest(VarRequest req, int activation, Group group, String requestedBy,
            CandidateInfo owner, boolean installLevel) {
        int active = activeLiteral(group, activation, req.toString());
        return options.addVarRequest(req, active, group, requestedBy, owner, installLevel);
    }

    /** A new candidate meets the requests on its package and the option values known so far. */
    private void linkNew(CandidateInfo c) {
        for (SharedRequest r : new ArrayList<>(st.packages.get(c.spec.pkg().name()).shared)) {
            link(r, c);
        }
        options.linkOptions(c);
    }

    /** A request in force rules a candidate out, or counts it among its satisfiers. */
    private void link(SharedRequest r, CandidateInfo c) {
        Compatibility ok = PkgRequestRule.check(r, c);
        if (!ok.isOk()) {
            st.model.addClause(-r.var, -c.var());
            rejections.reject(r, c, ok.toString());
            return;
        }
        if (r.satisfiers != null) {
            r.satisfiers.add(c.var());
        }
        ComponentsRule.link(st.model, r, c);
        PreReleaseRule.link(st.model, rejections, r, c);
        DeprecationRule.link(r, c);
    }

    /** Encodes a chosen candidate's requirements (and those of its components). */
    public void expand(int candidateVar) {
        CandidateInfo c = st.byVar.get(candidateVar);
        if (c == null || c.expanded) {
            return;
        }
        c.expanded = true;
        for (Request r : c.spec.install().requirements()) {
            RequestInfo info = addRequirement(c, r, c.var(), null, c.label(), Component.RUN);
            if (info != null) {
                c.installRequirements.add(info);
            }
        }
        for (ComponentSpec cs : c.spec.install().components()) {
            Integer kv = c.componentVars.get(cs.name());
            Component dflt = cs.name().equals(Component.BUILD) ? Component.BUILD : Component.RUN;
            for (Request r : cs.requirements()) {
                RequestInfo info = addRequirement(c, r, kv, cs.name(), c.label() + ":" + cs.name(), dflt);
                if (info != null) {
                    c.componentRequirements.computeIfAbsent(cs.name(), k -> new ArrayList<>()).add(info);
                }
            }
        }
    }

    private RequestInfo addRequirement(CandidateInfo c, Request r, int activation, Component component, String who,
            Component dflt) {
        if (r instanceof PkgRequest p) {
            Group g = st.model.newGroup(Group.Kind.REQUIREMENT, who + " requires " + describe(p));
            RequestInfo info = addPkgRequest(p, activation, c, component, g, who, dflt, OptionMap.EMPTY);
            c.requirements.add(info);
            return info;
        } else if (r instanceof VarRequest v) {
            Group g = st.model.newGroup(Group.Kind.REQUIREMENT, who + " requires " + v);
            VarRequestInfo info = addVarRequest(v, activation, g, who, c, component == null);
            if (component == null) {
                c.varRequirements.add(info);
            }
        }
        return null;
    }

    /**
     * The literals a solve assumes: every group selected (unless the groups are asserted
     * elsewhere, or relaxed), every open end closed, and {@code extra}.
     */
    public int[] assumptions(List<Integer> extra, Set<Integer> relaxedGroups, boolean includeGroups) {
        List<Integer> out = new ArrayList<>();
        for (Group g : includeGroups ? st.model.groups() : List.<Group>of()) {
            if (!relaxedGroups.contains(g.id())) {
                out.add(g.id());
            }
        }
        for (int o : st.model.openEnds()) {
            out.add(o);
        }
        out.addAll(extra);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    // ------------------------------------------------------------------ versions (see CandidateLoader)

    /** The assumptions of {@code core} that leave out unread versions; see {@link CandidateLoader}. */
    public List<Integer> unreadVersionAssumptions(int[] core) {
        return loader.unreadVersionAssumptions(core);
    }

    /** Reads more versions of the packages behind {@code assumptions} that {@code model} uses. */
    public void readMoreVersions(List<Integer> assumptions, boolean[] model) {
        loader.readMoreVersions(assumptions, model);
    }

    /** Reads every version of a package (an embedded copy is chosen and older real builds rank above it). */
    public void readAllVersions(PkgName name) {
        loader.readAllVersions(name);
    }

    /** True if some version of the package has not been read. */
    public boolean hasUnreadVersions(PkgName name) {
        return loader.hasUnreadVersions(name);
    }

    /** Why recipes could not be offered for building from source, by recipe ident. */
    public Map<String, String> unbuildable() {
        return java.util.Collections.unmodifiableMap(st.unbuildable);
    }

    // ------------------------------------------------------------------ for the search (see SearchQueries)

    public CandidateInfoView candidate(int var) {
        return queries.candidate(var);
    }

    /** The chosen candidate of each package in a model, by package name. */
    public Map<PkgName, CandidateInfoView> chosen(boolean[] values) {
        return queries.chosen(values);
    }

    /** Chosen candidates whose requirements are not encoded yet. */
    public List<Integer> unexpandedChosen(boolean[] values) {
        return queries.unexpandedChosen(values);
    }

    /** The candidates of a package, best first. */
    public List<CandidateInfoView> ranked(PkgName name) {
        return queries.ranked(name);
    }

    /** The package requests on a package in force in a model, in the order they appeared. */
    public List<RequestView> activeRequests(PkgName name, boolean[] values) {
        return queries.activeRequests(name, values);
    }

    /** The requirements of a candidate in force in a model, in order: package names to visit next. */
    public List<PkgName> requiredNames(int candidateVar, boolean[] values) {
        return queries.requiredNames(candidateVar, values);
    }

    /**
     * What the decided packages need, worked out from their specs rather than from a model (a
     * model may switch on things nothing asks for): the components in use of each decided
     * package, and the packages that Always-requests of decided packages (or the initial
     * requests) ask for but that are not decided yet, in the order they are met (the components'
     * map has no meaningful order).
     */
    public record Closure(Map<PkgName, Set<Component>> usedComponents, List<PkgName> pending,
            Map<PkgName, String> requestedBy) {}


    public Closure closure(Map<PkgName, Integer> decided) {
        return queries.closure(decided);
    }

    /** A closure of no decided package yet, to be kept current as packages are decided. */
    public IncrementalClosure newClosure() {
        return new IncrementalClosure(st);
    }

    /** SPK's iterator's first guess for a package given the decided ones, or null; only a hint. */
    public Integer greedyChoice(PkgName name, Map<PkgName, Integer> decided) {
        return queries.greedyChoice(name, decided);
    }

    /** Why a candidate cannot be chosen whatever else is chosen, given the decided ones; null if nothing says. */
    public String certainReasonAgainst(int candidateVar, Map<PkgName, Integer> decided) {
        return queries.certainReasonAgainst(candidateVar, decided);
    }

    /**
     * Why a candidate cannot be chosen beside the decided ones (the step solver's checks, from
     * what is encoded): the reason and the decided packages that cause it, null when unknown.
     */
    public record Objection(String reason, Set<PkgName> culprits) {}

    /**
     * What the step solver would object to choosing {@code candidateVar} beside {@code decided}
     * (in the order decided), or null; encodes the candidate's requirements if nothing objects
     * before they are known. See {@link StepChecks}.
     */
    public Objection objection(int candidateVar, Map<PkgName, Integer> decided) {
        return steps.objection(st.byVar.get(candidateVar), decided, this::expand);
    }

    /**
     * The decided package whose requirement makes {@code name} needed, empty when the command
     * line does, null when something else does.
     */
    public Set<PkgName> whyNeeded(PkgName name, Map<PkgName, Integer> decided) {
        return steps.whyNeeded(name, decided);
    }

    /** Reads the versions of a package not read yet; false if there were none. */
    public boolean readRemainingVersions(PkgName name) {
        if (!loader.hasUnreadVersions(name)) {
            return false;
        }
        loader.readAllVersions(name);
        return true;
    }

    /** The decision guide for back ends. */
    public spk.solver.backend.DecisionGuide guide() {
        return queries.guide();
    }

    /** True if {@code var} is a candidate variable. */
    public boolean isCandidate(int var) {
        return queries.isCandidate(var);
    }

    // ------------------------------------------------------------------ for explanations (see Rejections)

    /**
     * The groups in the order an explanation prefers them: the command line's first, then
     * requirements by their owner's distance from the requests; see {@link ExplanationOrder}.
     */
    public List<Group> explanationOrder(List<Group> groups) {
        return explanationOrder.sort(groups);
    }

    /** The initial package requests, in order. */
    public List<RequestView> initialRequests() {
        return st.initialRequests.stream().map(RequestView::new).toList();
    }

    /** Group → the package request it stands for, if any. */
    public Optional<RequestView> requestOfGroup(int groupId) {
        return Optional.ofNullable(st.requestsByGroup.get(groupId)).map(RequestView::new);
    }

    /** Group → the var request it stands for, if any. */
    public Optional<String> varRequestOfGroup(int groupId) {
        return Optional.ofNullable(st.varRequestsByGroup.get(groupId)).map(Object::toString);
    }

    /** Why a request rules out candidates of its package (static reasons, in candidate order). */
    public Map<String, String> rejectionsOf(int groupId) {
        return rejections.rejectionsOf(groupId);
    }

    /** Why candidate {@code var} was ruled out by any request in force in a model, if statically known. */
    public List<String> reasonsAgainst(int candidateVar, boolean[] values) {
        return rejections.reasonsAgainst(candidateVar, values);
    }

    /** A requirement of the candidate that nothing in any repository can meet, or null. */
    public String unmeetableRequirement(int candidateVar) {
        return rejections.unmeetableRequirement(candidateVar);
    }

    /** A read-only view of a candidate for the search and explanations. */
    public record CandidateInfoView(int var, PackageSpec spec, Source source, String label) {
        CandidateInfoView(CandidateInfo c) {
            this(c.var(), c.spec, c.source, c.label());
        }
    }

    /** A read-only view of a request. */
    public record RequestView(PkgRequest request, String requestedBy, int groupId) {
        RequestView(RequestInfo r) {
            this(r.request, r.requestedBy, r.group.id());
        }
    }
}
