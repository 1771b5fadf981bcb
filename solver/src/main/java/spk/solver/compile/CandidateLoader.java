package spk.solver.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spk.constraint.PackageVars;
import spk.grammar.build.Build;
import spk.grammar.build.EmbeddedSource;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.Request;
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
 * Loads candidates lazily (SPK's package iterators, as variables): a package's builds when
 * something first requests it, newest versions first, older ones only when a request's range
 * needs them or an unsatisfiable answer leans on their absence; the copies a build embeds; and,
 * with {@code --allow-builds}, what building a recipe from source would give.
 */
final class CandidateLoader {
    private final EncodingState st;
    /** Links a new candidate with the requests and option values known so far. */
    private final java.util.function.Consumer<CandidateInfo> onCandidate;
    private final BuildKeys buildKeys;

    CandidateLoader(EncodingState st, java.util.function.Consumer<CandidateInfo> onCandidate) {
        this.st = st;
        this.onCandidate = onCandidate;
        this.buildKeys = new BuildKeys(st.order.buildKeyNames());
    }

    PackageState state(PkgName name) {
        return st.packages.computeIfAbsent(name, n -> {
            PackageState created = new PackageState(n, st.model.pkg(n.value()));
            st.statesByVars.put(created.vars, created);
            return created;
        });
    }

    /**
     * Starts a package: lists its versions, creates the candidates of the newest few (and of
     * every build that embeds it), once. Older versions wait behind the package's open ends
     * until a request's range needs them ({@link #coverRequests}) or an unsatisfiable answer
     * leans on their absence ({@link #readMoreVersions}); most solves never read them.
     */
    PackageState expandName(PkgName name) {
        PackageState state = state(name);
        if (state.expanded) {
            return state;
        }
        state.expanded = true;
        java.util.TreeSet<Version> versions = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
        for (PackageRepository repo : st.solve.repositories()) {
            versions.addAll(repo.versions(name));
        }
        state.versionsNewestFirst = new ArrayList<>(versions);
        for (PackageRepository repo : st.solve.repositories()) {
            for (PackageSpec parent : repo.embeddedBy(name)) {
                state.embeddable = true;
                candidateFor(parent, repo, buildKeys.order(repo.builds(parent.pkg().name(), parent.pkg().version()))
                        .getOrDefault(parent.pkg(), 0));
            }
        }
        createVersions(state, st.firstVersions);
        return state;
    }

    /** Creates the candidates of the next {@code count} versions (all builds of each, from every repository). */
    private void createVersions(PackageState state, int count) {
        int end = Math.min(state.versionsNewestFirst.size(), state.versionsCreated + count);
        for (; state.versionsCreated < end; state.versionsCreated++) {
            Version v = state.versionsNewestFirst.get(state.versionsCreated);
            List<Map.Entry<PackageRepository, PackageSpec>> builds = new ArrayList<>();
            for (PackageRepository repo : st.solve.repositories()) {
                for (PackageSpec spec : repo.builds(state.name, v)) {
                    builds.add(Map.entry(repo, spec));
                }
            }
            Map<BuildIdent, Integer> rankOf = buildKeys.order(builds.stream().map(Map.Entry::getValue).toList());
            for (Map.Entry<PackageRepository, PackageSpec> rs : builds) {
                candidateFor(rs.getValue(), rs.getKey(), rankOf.getOrDefault(rs.getValue().pkg(), 0));
            }
            if (st.solve.allowBuilds()) {
                for (PackageRepository repo : st.solve.repositories()) {
                    repo.recipe(state.name, v).ifPresent(r -> fromSource(r, repo));
                }
            }
        }
        if (state.versionsCreated == state.versionsNewestFirst.size() && !moreCopiesMayCome(state)
                && !state.closed) {
            // every build is a candidate: its lists are complete
            state.closed = true;
            state.vars.close();
        }
        closeCompleteRequests(state);
    }

    /**
     * Whether embedded copies of the package may still appear: every published build that
     * embeds it was made a candidate when the package was first requested (with its copies),
     * but a recipe built from source may embed it too, and is only read with its version.
     */
    private boolean moreCopiesMayCome(PackageState state) {
        return state.embeddable && st.solve.allowBuilds();
    }

    /**
     * Closes the satisfier lists that can get no more candidates: every version in the
     * request's range (by version number, which any satisfying build's must be in) is read. An
     * unsatisfiable answer then cannot lean on what older versions might hold, which spares the
     * checks that it does not (the {@code versions} calls of {@code --time}).
     */
    void closeCompleteRequests(PackageState state) {
        if (moreCopiesMayCome(state)) {
            return;
        }
        for (SharedRequest r : state.shared) {
            if (r.satisfiers == null || r.satisfiers.isClosed()) {
                continue;
            }
            boolean complete = true;
            for (int i = state.versionsCreated; i < state.versionsNewestFirst.size() && complete; i++) {
                complete = !r.request.pkg().version().isApplicable(state.versionsNewestFirst.get(i)).isOk();
            }
            if (complete) {
                r.satisfiers.close();
            }
        }
    }

    /**
     * Reads older versions until each request that must be met has at least one version in its
     * range: a cheap look at version numbers only, which spares most solves a round trip
     * through an unsatisfiable answer.
     */
    void coverRequests(PackageState state) {
        List<SharedRequest> always = new ArrayList<>();
        for (SharedRequest r : state.shared) {
            if (r.always()) {
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

    private static boolean coversSomeCreated(PackageState state, SharedRequest r) {
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
    List<Integer> unreadVersionAssumptions(int[] core) {
        List<Integer> out = new ArrayList<>();
        for (int lit : core) {
            PackageState state = stateOwning(st.model.openEndOwner(lit));
            if (state != null) {
                st.trace.inConflict(state.name.value());
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
    void readMoreVersions(List<Integer> assumptions, boolean[] model) {
        List<PackageState> used = new ArrayList<>();
        List<PackageState> all = new ArrayList<>();
        for (int lit : assumptions) {
            PackageState state = stateOwning(st.model.openEndOwner(lit));
            if (state != null && !all.contains(state)) {
                all.add(state);
                if (EncodingState.isTrue(model, -lit)) {
                    used.add(state);
                }
            }
        }
        for (PackageState state : used.isEmpty() ? all : used) {
            createVersions(state, Math.max(st.firstVersions, state.versionsCreated));
        }
    }

    /** The package an open end is about: a request's satisfiers or a package's candidates; else null. */
    private PackageState stateOwning(Object owner) {
        if (owner instanceof PkgName n) {
            return st.packages.get(n);
        }
        if (owner instanceof PackageVars pv) {
            return st.statesByVars.get(pv);
        }
        return null;
    }

    /** Reads every version of a package (an embedded copy is chosen and older real builds rank above it). */
    void readAllVersions(PkgName name) {
        PackageState state = st.packages.get(name);
        if (state != null) {
            createVersions(state, state.versionsNewestFirst.size());
        }
    }

    /** True if some version of the package has not been read. */
    boolean hasUnreadVersions(PkgName name) {
        PackageState state = st.packages.get(name);
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
        if (st.byKey.containsKey(key) || st.unbuildable.containsKey(ident)) {
            return;
        }
        if (recipe.deprecated()) {
            st.unbuildable.put(ident, "the recipe is deprecated");
            return;
        }
        if (st.solve.building().contains(ident)) {
            st.unbuildable.put(ident, "building it needs itself (a build loop)");
            return;
        }
        OptionMap given = st.solve.options();
        spk.spec.variant.HostOptions host = hostFrom(given);
        spk.spec.variant.ResolvedVariant variant = new spk.spec.variant.ResolvedVariant(OptionMap.EMPTY, List.of());
        PackageSpec spec;
        try {
            List<InitialRequest> env = new ArrayList<>();
            for (Request r : spk.spec.variant.BuildRequirements.of(recipe, variant, given, host)) {
                env.add(new InitialRequest(r, "the build of " + ident, OptionMap.EMPTY));
            }
            Set<String> building = new java.util.HashSet<>(st.solve.building());
            building.add(ident);
            Optional<List<PackageSpec>> resolved = st.buildEnvironments.resolve(
                    new SolveRequest(st.solve.repositories(), env, given, true, building));
            if (resolved.isEmpty()) {
                st.unbuildable.put(ident, "its build environment cannot be resolved");
                return;
            }
            spec = new spk.spec.variant.BuiltSpecGenerator(host).generate(recipe, variant, given, resolved.get(),
                    Map.of());
        } catch (RuntimeException e) {
            st.unbuildable.put(ident, "cannot build it with these options: " + e.getMessage());
            return;
        }
        Set<Component> available = new TreeSet<>(Set.of(Component.BUILD, Component.RUN));
        spec.install().components().forEach(cs -> available.add(cs.name()));
        String label = "build " + spec.pkg() + " from " + repo.name() + "/" + ident;
        RankKey rank = new RankKey(0, spec.pkg().version(), RankKey.FROM_SOURCE, 0, label);
        CandidateInfo c = create(spec, new Source.BuildFromSource(repo.name()), rank, available, label);
        st.byKey.put(key, c);
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


    /** The candidate of a published build, created on first use (with its embedded copies). */
    private CandidateInfo candidateFor(PackageSpec spec, PackageRepository repo, int buildOrder) {
        // written once: the ident's text is a large share of making a candidate
        String ident = spec.pkg().toString();
        String key = "repo:" + ident;
        CandidateInfo existing = st.byKey.get(key);
        if (existing != null) {
            return existing;
        }
        Set<Component> available = spec.pkg().build().isSource() ? Set.of(Component.SOURCE)
                : repo.publishedComponents(spec.pkg());
        String label = repo.name() + "/" + ident;
        RankKey rank = new RankKey(0, spec.pkg().version(), RankKey.BINARY, buildOrder, label);
        CandidateInfo c = create(spec, new Source.Repository(repo.name()), rank, available, label);
        st.byKey.put(key, c);
        addEmbeddedOf(c);
        return c;
    }

    private CandidateInfo create(PackageSpec spec, Source source, RankKey rank, Set<Component> available,
            String label) {
        PackageState state = state(spec.pkg().name());
        var candidate = state.vars.addCandidate(label);
        CandidateInfo c = new CandidateInfo(candidate, spec, source, rank, available);
        st.byVar.put(c.var(), c);
        state.candidates.add(c);
        state.changed();
        ComponentsRule.encode(st.model, c);
        DeprecationRule.encode(st.model, c);
        PreReleaseRule.encode(st.model, c);
        onCandidate.accept(c);
        return c;
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
            st.model.addImplication(ec.var(), parent.var());
            int[] needsHolder = new int[holders.size() + 1];
            needsHolder[0] = -ec.var();
            for (int i = 0; i < holders.size(); i++) {
                needsHolder[i + 1] = parent.componentVars.get(holders.get(i).name());
            }
            st.model.addClause(needsHolder);
            for (ComponentSpec h : holders) {
                int hv = parent.componentVars.get(h.name());
                st.model.addImplication(hv, ec.var());
                for (ComponentEmbed ce : h.embedded()) {
                    if (!ce.pkg().equals(e.pkg().name())) {
                        continue;
                    }
                    for (Component k : ComponentsRule.withUses(ce.components(), spec)) {
                        Integer kv = ec.componentVars.get(k);
                        if (kv != null) {
                            st.model.addImplication(hv, kv);
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

}
