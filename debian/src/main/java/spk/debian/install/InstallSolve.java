package spk.debian.install;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.check.BrokenExplainer;
import spk.debian.encode.CatalogEncoding;
import spk.debian.sat.Goals;
import spk.debian.sat.InstallSat;
import spk.debian.version.DebianVersion;
import spk.solver.Explanation;
import spk.solver.backend.SatBackend;

/**
 * One install on an empty system: {@code name} (its newest version that can be installed) or
 * {@code name=version}. Only what the request can reach is encoded; the decisions follow
 * dependencies, best candidate first (alternatives as written, newest version first), and every
 * older version is first ruled out by an assumption, which is dropped only where the solver's
 * unsatisfiable core needs it: the newest versions win wherever they can. Every solution is
 * validated by {@link SolutionChecker} against the catalog text before it is returned.
 */
public final class InstallSolve {
    private final DebCatalog catalog;
    private final SolutionChecker checker;

    public InstallSolve(DebCatalog catalog) {
        this.catalog = catalog;
        this.checker = new SolutionChecker(catalog);
    }

    /** The answer to one request. {@code solution} is empty when not installable; {@code nanos} times the solve alone. */
    public record Result(String request, boolean installable, List<DebPackage> solution, int encoded, long nanos,
            Optional<Explanation> explanation) {
        public Result {
            solution = List.copyOf(solution);
        }
    }

    /** A request that names no package of the catalog. */
    public static final class UnknownPackage extends spk.error.SpkException {
        private static final long serialVersionUID = 1L;

        UnknownPackage(String request) {
            super("unknown-package", "no package in the catalog matches '" + request + "'");
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }

    /** Solves {@code request} ({@code name} or {@code name=version}); with {@code explain}, says why it fails. */
    public Result solve(String request, boolean explain) {
        int[] targets = targets(request);
        long start = System.nanoTime();
        CatalogEncoding enc = CatalogEncoding.reachable(catalog, targets, false, false);
        int[] wanted = Arrays.stream(targets).map(enc::var).toArray();
        Goals g = enc.goals();
        int[][] roots = Arrays.copyOf(g.roots(), g.roots().length + 1);
        roots[roots.length - 1] = wanted;
        enc.model().addClause(wanted);
        List<Integer> older = olderVersions(enc);
        List<Integer> solution = null;
        try (InstallSat sat = new InstallSat(new Goals(g.of(), roots))) {
            while (solution == null) {
                int[] assume = older.stream().mapToInt(v -> -v).toArray();
                SatBackend.Outcome out = sat.solve(enc.model(), assume);
                if (out instanceof SatBackend.Outcome.Sat s) {
                    solution = new ArrayList<>();
                    for (int id : enc.packages()) {
                        if (s.isTrue(enc.var(id))) {
                            solution.add(id);
                        }
                    }
                } else {
                    Set<Integer> core = new HashSet<>();
                    for (int lit : ((SatBackend.Outcome.Unsat) out).core()) {
                        core.add(-lit);
                    }
                    int before = older.size();
                    older.removeIf(core::contains);
                    if (older.size() == before) {
                        break; // no older version would help: the request cannot be met
                    }
                }
            }
        }
        long nanos = System.nanoTime() - start;
        if (solution == null) {
            Optional<Explanation> why = explain
                    ? new BrokenExplainer(catalog).explain(targets[0], false) : Optional.empty();
            return new Result(request, false, List.of(), enc.packages().length, nanos, why);
        }
        List<String> wrong = checker.violations(Arrays.stream(targets).boxed().toList(), solution);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the solution for " + request + " fails the independent check: " + wrong);
        }
        List<DebPackage> pkgs = solution.stream().map(catalog::get).toList();
        return new Result(request, true, pkgs, enc.packages().length, nanos, Optional.empty());
    }

    /** The packages a request names, newest first. */
    private int[] targets(String request) {
        int eq = request.indexOf('=');
        String name = (eq < 0 ? request : request.substring(0, eq)).strip();
        DebianVersion version = eq < 0 ? null : DebianVersion.parse(request.substring(eq + 1));
        int[] ids = Arrays.stream(catalog.named(name))
                .filter(id -> catalog.isNative(catalog.get(id)))
                .filter(id -> version == null || catalog.get(id).version().compareTo(version) == 0)
                .boxed()
                .sorted((a, b) -> catalog.get(b).version().compareTo(catalog.get(a).version()))
                .mapToInt(Integer::intValue).toArray();
        if (ids.length == 0) {
            throw new UnknownPackage(request);
        }
        return ids;
    }

    /** The variables of every version but the newest, for each name with several in the encoding. */
    private List<Integer> olderVersions(CatalogEncoding enc) {
        Map<String, Integer> newest = new HashMap<>();
        for (int id : enc.packages()) {
            DebPackage p = catalog.get(id);
            newest.merge(p.name(), id, (a, b) -> catalog.get(a).version().compareTo(catalog.get(b).version()) >= 0 ? a : b);
        }
        List<Integer> out = new ArrayList<>();
        for (int id : enc.packages()) {
            if (newest.get(catalog.get(id).name()) != id) {
                out.add(enc.var(id));
            }
        }
        return out;
    }
}
