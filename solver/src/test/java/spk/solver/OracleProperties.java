package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import spk.grammar.compat.CompatRule;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.solver.compile.SolveEncoding;
import spk.solver.repository.CatalogRepository;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/**
 * The solver against a brute-force oracle on random small catalogs: it finds a solution iff one
 * exists, its solution satisfies every rule, and it is the preferred one under the documented
 * order (docs/solver.md); both back ends agree. Each problem comes from a random {@code long}; a
 * failure shows it (the smallest failing value) and QuickTheories' own "Seed was N", which
 * {@code -DQT_SEED=N} replays.
 */
class OracleProperties {
    static final String[] VERSIONS = {"1.0.0", "1.1.0", "2.0.0"};
    static final String[] RANGES = {"", "1", "~1.0", ">=1.1", "2", "<2", "=1.1.0"};

    /** A random catalog and request set, from a seed. */
    record Problem(List<PackageSpec> specs, List<String> requests, OptionMap options) {}

    static Problem generate(long seed) {
        Random r = new Random(seed);
        int packages = 2 + r.nextInt(4);
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            int versions = 1 + r.nextInt(3);
            for (int v = 0; v < versions; v++) {
                int builds = 1 + r.nextInt(2);
                for (int b = 0; b < builds; b++) {
                    StringBuilder sb = new StringBuilder();
                    sb.append("pkg: p").append(p).append('/').append(VERSIONS[v]).append('/')
                            .append(new String[] {"AAAAAAAA", "BBBBBBBB"}[b]).append('\n');
                    if (r.nextInt(8) == 0) {
                        sb.append("deprecated: true\n");
                    }
                    if (r.nextInt(2) == 0) {
                        sb.append("build:\n  options: [{var: debug, static: '").append(r.nextBoolean() ? "on" : "off")
                                .append("'}]\n");
                    }
                    List<String> reqs = new ArrayList<>();
                    int n = r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        int target = r.nextInt(packages);
                        if (target == p) {
                            continue;
                        }
                        String range = RANGES[r.nextInt(RANGES.length)];
                        String req = "{pkg: p" + target + (range.isEmpty() ? "" : "/" + range)
                                + (r.nextInt(5) == 0 ? ", include: IfAlreadyPresent" : "") + "}";
                        if (reqs.stream().noneMatch(x -> x.startsWith("{pkg: p" + target + "/")
                                || x.startsWith("{pkg: p" + target + ",") || x.startsWith("{pkg: p" + target + "}"))) {
                            reqs.add(req);
                        }
                    }
                    if (r.nextInt(6) == 0) {
                        reqs.add("{var: debug/" + (r.nextBoolean() ? "on" : "off") + "}");
                    }
                    if (!reqs.isEmpty()) {
                        sb.append("install:\n  requirements: [").append(String.join(", ", reqs)).append("]\n");
                    }
                    texts.add(sb.toString());
                }
            }
        }
        List<String> requests = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            String range = RANGES[r.nextInt(RANGES.length)];
            requests.add("p" + r.nextInt(packages) + (range.isEmpty() ? "" : "/" + range));
        }
        OptionMap options = r.nextInt(3) == 0 ? OptionMap.of(Map.of("debug", r.nextBoolean() ? "on" : "off"))
                : OptionMap.EMPTY;
        CatalogRepository repo = Catalogs.repo("local", texts.toArray(String[]::new));
        List<PackageSpec> specs = new ArrayList<>();
        for (PkgName name : repo.packageNames()) {
            for (var v : repo.versions(name)) {
                specs.addAll(repo.builds(name, v));
            }
        }
        return new Problem(specs, requests, options);
    }

    // ------------------------------------------------------------------ the oracle

    /** An independent statement of the rules for these catalogs: is this choice a valid solution? */
    static boolean valid(Map<PkgName, PackageSpec> chosen, List<PkgRequest> initial, OptionMap options) {
        List<PkgRequest> requests = new ArrayList<>(initial);
        List<VarRequest> vars = new ArrayList<>();
        options.entries().forEach((k, v) -> vars.add(VarRequest.of(spk.grammar.name.OptName.parse(k), v)));
        for (PackageSpec s : chosen.values()) {
            for (Request r : s.install().requirements()) {
                if (r instanceof PkgRequest p) {
                    requests.add(p);
                } else if (r instanceof VarRequest v) {
                    vars.add(v);
                }
            }
            if (s.deprecated()) {
                return false;
            }
        }
        for (PkgRequest r : requests) {
            PackageSpec s = chosen.get(r.pkg().name());
            if (s == null) {
                if (r.inclusionPolicy() == InclusionPolicy.ALWAYS) {
                    return false;
                }
                continue;
            }
            if (!r.pkg().version().isSatisfiedBy(s.pkg().version(), s.compat(), CompatRule.BINARY).isOk()) {
                return false;
            }
        }
        for (VarRequest v : vars) {
            for (PackageSpec s : chosen.values()) {
                for (Opt o : s.options()) {
                    if (o.fullName().equals(v.var()) && !o.staticValue().orElse("").isEmpty()
                            && !o.staticValue().get().equals(v.value())) {
                        return false;
                    }
                }
            }
        }
        for (VarRequest a : vars) {
            for (VarRequest b : vars) {
                if (a.var().equals(b.var()) && !a.value().equals(b.value())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** SPK's candidate order for these catalogs: newest version, then debug=on before off, then digest (B before A). */
    static int compareCandidates(PackageSpec a, PackageSpec b) {
        int c = b.pkg().version().compareTo(a.pkg().version());
        if (c != 0) {
            return c;
        }
        String da = debugOf(a);
        String db = debugOf(b);
        if (!da.equals(db)) {
            if (da.isEmpty() || db.isEmpty()) {
                return da.isEmpty() ? 1 : -1;
            }
            return db.compareTo(da);
        }
        return b.pkg().build().toString().compareTo(a.pkg().build().toString());
    }

    private static String debugOf(PackageSpec s) {
        return s.options().stream().filter(o -> o.fullName().value().equals("debug")).map(o -> o.staticValue().orElse(""))
                .findFirst().orElse("");
    }

    /** The packages the decided ones (and the requests) need, in the order they are met; the first undecided first. */
    static Optional<PkgName> nextPending(Map<PkgName, PackageSpec> decided, List<PkgRequest> initial) {
        List<PkgRequest> work = new ArrayList<>(initial);
        List<PkgName> expanded = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            PkgRequest r = work.get(i);
            PackageSpec s = decided.get(r.pkg().name());
            if (s == null) {
                if (r.inclusionPolicy() == InclusionPolicy.ALWAYS) {
                    return Optional.of(r.pkg().name());
                }
                continue;
            }
            if (!expanded.contains(s.pkg().name())) {
                expanded.add(s.pkg().name());
                for (Request q : s.install().requirements()) {
                    if (q instanceof PkgRequest p) {
                        work.add(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The preferred valid solution, or empty if none is valid. */
    static Optional<Map<PkgName, PackageSpec>> oracle(Problem problem, List<PkgRequest> initial) {
        Map<PkgName, List<PackageSpec>> byName = new LinkedHashMap<>();
        for (PackageSpec s : problem.specs()) {
            byName.computeIfAbsent(s.pkg().name(), n -> new ArrayList<>()).add(s);
        }
        for (PkgRequest r : initial) {
            byName.computeIfAbsent(r.pkg().name(), n -> new ArrayList<>());
        }
        List<PkgName> names = new ArrayList<>(byName.keySet());
        List<Map<PkgName, PackageSpec>> valid = new ArrayList<>();
        enumerate(names, 0, new HashMap<>(), byName, initial, problem.options(), valid);
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        Map<PkgName, PackageSpec> decided = new LinkedHashMap<>();
        List<Map<PkgName, PackageSpec>> remaining = valid;
        while (true) {
            Optional<PkgName> next = nextPending(decided, initial);
            if (next.isEmpty()) {
                return Optional.of(decided);
            }
            PkgName n = next.get();
            PackageSpec best = null;
            for (Map<PkgName, PackageSpec> s : remaining) {
                PackageSpec c = s.get(n);
                if (c != null && (best == null || compareCandidates(c, best) < 0)) {
                    best = c;
                }
            }
            PackageSpec pick = best;
            remaining = remaining.stream().filter(s -> pick.equals(s.get(n))).toList();
            decided.put(n, pick);
        }
    }

    private static void enumerate(List<PkgName> names, int i, Map<PkgName, PackageSpec> current,
            Map<PkgName, List<PackageSpec>> byName, List<PkgRequest> initial, OptionMap options,
            List<Map<PkgName, PackageSpec>> out) {
        if (i == names.size()) {
            if (valid(current, initial, options)) {
                out.add(new HashMap<>(current));
            }
            return;
        }
        enumerate(names, i + 1, current, byName, initial, options, out);
        for (PackageSpec s : byName.get(names.get(i))) {
            current.put(names.get(i), s);
            enumerate(names, i + 1, current, byName, initial, options, out);
            current.remove(names.get(i));
        }
    }

    // ------------------------------------------------------------------ the properties

    /**
     * {@code tries} problem seeds over the whole {@code long} range. Shrinking a seed does not make
     * its problem smaller, so only a few shrink steps are spent (each one is a solve) and a failure
     * is reported well inside the test timeout.
     */
    private static QuickTheory tries(int tries) {
        return qt().withExamples(tries).withShrinkCycles(50);
    }

    @Test
    void solverAgreesWithTheOracle() {
        tries(300).forAll(longs().all()).checkAssert(OracleProperties::agreesWithTheOracle);
    }

    private static void agreesWithTheOracle(long seed) {
        Problem p = generate(seed);
        List<PkgRequest> initial = p.requests().stream().map(PkgRequest::parse).toList();
        Optional<Map<PkgName, PackageSpec>> expected = oracle(p, initial);
        CatalogRepository repo = CatalogRepository.of("local", p.specs(), List.of());
        Map<Solver.Backend, SolveResult> results = new LinkedHashMap<>();
        // reading one version at first makes most solves go back for older ones; the default reads all of these
        for (int firstVersions : new int[] {1, SolveEncoding.DEFAULT_FIRST_VERSIONS}) {
            Solver.Backend b = Solver.Backend.SAT4J;
            SolveResult r = new Solver(b, firstVersions).solve(new SolveRequest(List.of(repo), Catalogs.requests(
                    p.requests().toArray(String[]::new)), p.options(), false));
            results.put(b, r);
            String context = "first versions " + firstVersions + ", seed " + seed + "\nrequests " + p.requests() + " options " + p.options() + "\n"
                    + String.join("\n---\n", p.specs().stream().map(spk.spec.write.SpecWriter::write).toList());
            if (expected.isEmpty()) {
                assertTrue(r instanceof SolveResult.Unsatisfiable, () -> "oracle says unsatisfiable, solver solved: "
                        + Catalogs.versions(r) + "\n" + context);
                SolveResult.Unsatisfiable u = (SolveResult.Unsatisfiable) r;
                assertFalse(u.explanation().conflict().isEmpty(), context);
            } else {
                assertTrue(r instanceof SolveResult.Solved, () -> "oracle found " + expected.get().values().stream()
                        .map(s -> s.pkg().toString()).toList() + " but the solver says:\n"
                        + ((SolveResult.Unsatisfiable) r).explanation().render() + "\n" + context);
                Map<PkgName, PackageSpec> got = new LinkedHashMap<>();
                for (ResolvedPackage rp : ((SolveResult.Solved) r).solution().packages()) {
                    got.put(rp.spec().pkg().name(), rp.spec());
                }
                assertTrue(valid(got, initial, p.options()), () -> "the solver's solution breaks a rule\n" + context);
                assertEquals(idents(expected.get()), idents(got), context);
            }
        }
    }

    private static List<String> idents(Map<PkgName, PackageSpec> m) {
        return m.values().stream().map(s -> s.pkg().toString()).sorted().toList();
    }

    @Test
    void bothBackEndsGiveTheSameAnswer() {
        tries(40).forAll(longs().all()).checkAssert(OracleProperties::backEndsAgree);
    }

    private static void backEndsAgree(long seed) {
        Problem p = generate(seed);
        CatalogRepository repo = CatalogRepository.of("local", p.specs(), List.of());
        SolveRequest req = new SolveRequest(List.of(repo), Catalogs.requests(p.requests().toArray(String[]::new)),
                p.options(), false);
        SolveResult a = new Solver(Solver.Backend.SAT4J).solve(req);
        SolveResult b = new Solver(Solver.Backend.CPSAT).solve(req);
        assertEquals(describe(a), describe(b));
        assertEquals(describe(a), describe(new Solver(Solver.Backend.SAT4J).solve(req)), "same answer on every run");
    }

    /**
     * Catalogs with two separate conflicts, where the back ends once named different ones, and
     * one where they named the same groups in a different order (the order groups were made in).
     */
    @Test
    void seedsWhereTheBackEndsOnceNamedDifferentConflicts() {
        for (long seed : new long[] {-34, -83701, 4591564936725393094L}) {
            backEndsAgree(seed);
        }
    }

    /**
     * A catalog where the back end's core leaned on "no version beyond those read": used as a
     * bound on the explanation's search, it once made a satisfiable set look like a conflict.
     */
    @Test
    void aCoreThatLeansOnUnreadVersionsBoundsNothing() {
        conflictIsMinimal(-7669301353941176234L);
    }

    @Test
    void explanationsNameAMinimalConflict() {
        tries(200).forAll(longs().all()).checkAssert(OracleProperties::conflictIsMinimal);
    }

    /**
     * A catalog where the explanation once took the back end's first core as a bound although
     * that core leaned on versions not read yet, and named a set that can hold.
     */
    @Test
    void aSeedWhereTheExplanationOnceLeanedOnUnreadVersions() {
        conflictIsMinimal(-259561720907449375L);
    }

    private static void conflictIsMinimal(long seed) {
        Problem p = generate(seed);
        CatalogRepository repo = CatalogRepository.of("local", p.specs(), List.of());
        SolveRequest req = new SolveRequest(List.of(repo), Catalogs.requests(p.requests().toArray(String[]::new)),
                p.options(), false);
        SolveEncoding encoding = new SolveEncoding(req, 1);
        try (var main = new spk.solver.backend.Sat4jBackend(); var relaxable = new spk.solver.backend.Sat4jBackend()) {
            if (new spk.solver.search.Search(encoding, main, new DecisionLog(), false).run() != null) {
                return; // only unsatisfiable problems have a conflict to check
            }
            var search = new spk.solver.search.Search(encoding, relaxable, new DecisionLog(), true);
            List<spk.constraint.Group> conflict = new spk.solver.explain.Explainer(encoding, search).minimalConflict();
            assertFalse(conflict.isEmpty());
            // the named groups alone cannot hold, and each of them is needed for that
            assertTrue(holdsWith(encoding, search, conflict) == false, "the conflict holds: " + conflict);
            for (spk.constraint.Group g : conflict) {
                List<spk.constraint.Group> rest = new ArrayList<>(conflict);
                rest.remove(g);
                assertTrue(holdsWith(encoding, search, rest), "not minimal, " + g.description() + " is not needed");
            }
        }
    }

    /**
     * The explanation answers many checks from earlier ones (models, cores) instead of asking
     * the back end: it must name exactly the conflict that asking every check gives, here a plain
     * search for each member's shortest prefix in the explanation order, every check a solve.
     */
    @Test
    void checksAnsweredFromEarlierOnesGiveThePreferredConflict() {
        tries(150).forAll(longs().all()).checkAssert(seed -> {
            preferredConflictAsked(seed, 1);
            preferredConflictAsked(seed, SolveEncoding.DEFAULT_FIRST_VERSIONS);
        });
    }

    private static void preferredConflictAsked(long seed, int firstVersions) {
        Problem p = generate(seed);
        CatalogRepository repo = CatalogRepository.of("local", p.specs(), List.of());
        SolveRequest req = new SolveRequest(List.of(repo), Catalogs.requests(p.requests().toArray(String[]::new)),
                p.options(), false);
        SolveEncoding encoding = new SolveEncoding(req, firstVersions);
        try (var main = new spk.solver.backend.Sat4jBackend(); var relaxable = new spk.solver.backend.Sat4jBackend()) {
            if (new spk.solver.search.Search(encoding, main, new DecisionLog(), false).run() != null) {
                return;
            }
            var search = new spk.solver.search.Search(encoding, relaxable, new DecisionLog(), true);
            List<spk.constraint.Group> conflict = new spk.solver.explain.Explainer(encoding, search).minimalConflict();
            int groups = encoding.model().groups().size();
            List<spk.constraint.Group> ordered = encoding.explanationOrder(new ArrayList<>(encoding.model().groups()));
            List<spk.constraint.Group> found = new ArrayList<>();
            int limit = ordered.size();
            while (limit > 0 && holdsWith(encoding, search, found)) {
                int lo = 1;
                int hi = limit;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    List<spk.constraint.Group> trial = new ArrayList<>(found);
                    trial.addAll(ordered.subList(0, mid));
                    if (holdsWith(encoding, search, trial)) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                found.add(ordered.get(lo - 1));
                limit = lo - 1;
            }
            if (encoding.model().groups().size() != groups) {
                return; // the plain search encoded more, so it answered over other groups
            }
            found.sort(java.util.Comparator.comparingInt(ordered::indexOf));
            assertEquals(found, conflict, "seed " + seed + ", first versions " + firstVersions);
        }
    }

    /** True if everything except the groups outside {@code keep} can hold at once. */
    private static boolean holdsWith(SolveEncoding encoding, spk.solver.search.Search search,
            List<spk.constraint.Group> keep) {
        java.util.Set<Integer> relaxed = new java.util.HashSet<>();
        for (spk.constraint.Group g : encoding.model().groups()) {
            if (!keep.contains(g)) {
                relaxed.add(g.id());
            }
        }
        return search.solveComplete(List.of(), relaxed) != null;
    }

    static String describe(SolveResult r) {
        if (r instanceof SolveResult.Solved s) {
            return s.solution().packages().stream().map(ResolvedPackage::toString).toList() + " "
                    + s.solution().options();
        }
        return ((SolveResult.Unsatisfiable) r).explanation().render();
    }
}
