package spk.solver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.solver.backend.CpSatBackend;
import spk.solver.backend.Sat4jBackend;
import spk.solver.backend.SatBackend;
import spk.solver.compile.SolveEncoding;
import spk.solver.compile.SolveEncoding.CandidateInfoView;
import spk.solver.explain.Explainer;
import spk.solver.search.Search;
import spk.spec.model.Opt;

/** Solves SPK requests: encode lazily, search for the preferred solution, or explain the conflict. */
public final class Solver {
    /** The SAT back ends. */
    public enum Backend {
        SAT4J, CPSAT;

        SatBackend create() {
            return this == SAT4J ? new Sat4jBackend() : new CpSatBackend();
        }
    }

    private final Backend backend;
    private final int firstVersions;
    private final OrderSettings order;

    public Solver(Backend backend) {
        this(backend, SolveEncoding.DEFAULT_FIRST_VERSIONS);
    }

    /**
     * @param firstVersions how many of each package's newest versions to read before a solve
     *     shows it needs older ones; changes speed, never answers (tests use 1 to exercise that)
     */
    public Solver(Backend backend, int firstVersions) {
        this(backend, firstVersions, OrderSettings.DEFAULT);
    }

    /** @param order SPK's {@code [solver]} ordering settings (request priority, build key names) */
    public Solver(Backend backend, int firstVersions, OrderSettings order) {
        this.backend = backend;
        this.firstVersions = firstVersions;
        this.order = order;
    }

    public SolveResult solve(SolveRequest request) {
        long start = System.nanoTime();
        DecisionLog log = new DecisionLog();
        SolveEncoding encoding = new SolveEncoding(request, firstVersions, this::buildEnvironment, order);
        try (SatBackend sat = backend.create()) {
            Search search = new Search(encoding, sat, log, false);
            Search.Outcome outcome = search.run();
            if (outcome == null) {
                try (SatBackend relaxable = backend.create()) {
                    Explanation explanation = new Explainer(encoding,
                            new Search(encoding, relaxable, new DecisionLog(), true)).explain();
                    log.add(0, 2, '!', "BLOCKED " + String.join("; ", explanation.conflict()));
                    return new SolveResult.Unsatisfiable(explanation, log, stats(sat, encoding, start));
                }
            }
            return new SolveResult.Solved(solution(encoding, outcome, request.options()), log,
                    stats(sat, encoding, start));
        }
    }

    /** A nested solve for a recipe's build environment, with the same back end and no explanation. */
    private java.util.Optional<List<spk.spec.model.PackageSpec>> buildEnvironment(SolveRequest request) {
        SolveEncoding encoding = new SolveEncoding(request, firstVersions, this::buildEnvironment, order);
        try (SatBackend sat = backend.create()) {
            Search.Outcome outcome = new Search(encoding, sat, new DecisionLog(), false).run();
            if (outcome == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(outcome.resolved().values().stream().map(CandidateInfoView::spec).toList());
        }
    }

    private static SolveResult.Stats stats(SatBackend sat, SolveEncoding encoding, long start) {
        int packages = 0;
        for (var p : encoding.model().packages()) {
            packages++;
        }
        var profile = encoding.trace().profile();
        int calls = profile.calls().stream().mapToInt(spk.solver.trace.SolveTrace.Calls::count).sum();
        return new SolveResult.Stats(sat.name(), calls, encoding.model().varCount(),
                encoding.model().clauseCount(), packages, (System.nanoTime() - start) / 1_000_000,
                profile);
    }

    private static Solution solution(SolveEncoding encoding, Search.Outcome outcome, OptionMap given) {
        List<ResolvedPackage> packages = new ArrayList<>();
        TreeMap<String, String> options = new TreeMap<>(given.entries());
        for (Map.Entry<PkgName, CandidateInfoView> e : outcome.resolved().entrySet()) {
            CandidateInfoView c = e.getValue();
            Set<Component> comps = new HashSet<>(outcome.closure().usedComponents().getOrDefault(e.getKey(), Set.of()));
            packages.add(new ResolvedPackage(c.spec(), c.source(), new java.util.TreeSet<>(comps), ""));
            options.put(e.getKey().value(), c.spec().compat().render(c.spec().pkg().version()));
            for (Opt o : c.spec().options()) {
                String value = o.staticValue().orElse("");
                if (!value.isEmpty()) {
                    String name = o.fullName().namespace().isPresent() ? o.fullName().value()
                            : e.getKey().value() + "." + o.fullName().value();
                    options.put(name, value);
                }
            }
        }
        return new Solution(packages, new OptionMap(options));
    }
}
