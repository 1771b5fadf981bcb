package spk.bench.studio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.solver.DecisionLog;
import spk.solver.InitialRequest;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.backend.Sat4jBackend;
import spk.solver.compile.SolveEncoding;
import spk.solver.repository.CatalogRepository;
import spk.solver.repository.PackageRepository;
import spk.solver.search.Search;

/**
 * Times solves of the studio catalog's request sets in one JVM: loading, the first solve and
 * repeated (warm) solves. Usage: {@code StudioRun CATALOG BACKEND REPEATS SET...} (sets by name,
 * see {@link StudioCatalog#requestSets()}), or {@code StudioRun --probe CATALOG SET} to list the
 * requirements of the set's toolset that cannot be met with its platform and DCC alone.
 */
public final class StudioRun {
    private StudioRun() {}

    private static final int FIRST_VERSIONS = Integer.getInteger("spk.firstVersions",
            SolveEncoding.DEFAULT_FIRST_VERSIONS);

    static SolveRequest request(List<PackageRepository> repos, List<String> requests) {
        List<InitialRequest> reqs = requests.stream().map(n -> InitialRequest.commandLine(PkgRequest.parse(n))).toList();
        return new SolveRequest(repos, reqs, options(), false);
    }

    static OptionMap options() {
        java.util.TreeMap<String, String> m = new java.util.TreeMap<>();
        for (String o : StudioCatalog.OPTIONS) {
            m.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
        }
        return new OptionMap(m);
    }

    public static void main(String[] args) {
        if (args[0].equals("--probe")) {
            probe(Path.of(args[1]), args[2]);
            return;
        }
        Path catalog = Path.of(args[0]);
        Solver.Backend backend = Solver.Backend.valueOf(args[1].toUpperCase());
        int repeats = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        PackageRepository repo = CatalogRepository.load("studio", catalog);
        System.out.printf("load and index: %.0f ms (%d packages)%n", (System.nanoTime() - t0) / 1e6,
                repo.packageNames().size());
        for (int k = 3; k < args.length; k++) {
            String set = args[k];
            SolveRequest request = request(List.of(repo), StudioCatalog.requestSets().get(set));
            List<Long> settledWall = new ArrayList<>();
            List<Long> settledCpu = new ArrayList<>();
            for (int i = 0; i <= repeats; i++) {
                long s = System.nanoTime();
                long cs = cpu();
                SolveResult result = new Solver(backend, FIRST_VERSIONS).solve(request);
                long e = System.nanoTime();
                long ce = cpu();
                String what = result instanceof SolveResult.Solved so ? so.solution().packages().size() + " packages"
                        : "unsatisfiable";
                System.out.printf("%s %s %d: %.0f ms (cpu %.0f ms), %s, %s%n", set, i == 0 ? "first" : "warm", i,
                        (e - s) / 1e6, (ce - cs) / 1e6, what, result.stats());
                if (i > repeats / 2) {
                    settledWall.add(e - s);
                    settledCpu.add(ce - cs);
                }
                if (i == 0) {
                    System.out.printf("%s answer fingerprint: %08x%s%n", set, fingerprint(result),
                            result instanceof SolveResult.Unsatisfiable u
                                    ? String.format(" (the conflict alone: %08x)", u.explanation().conflict().hashCode())
                                    : "");
                    if (result instanceof SolveResult.Unsatisfiable u && Boolean.getBoolean("spk.printExplanation")) {
                        System.out.println(String.join("\n", u.explanation().conflict()));
                    }
                }
            }
            if (!settledWall.isEmpty()) {
                // the second half of the warm solves: the JIT has compiled what it will by then
                System.out.printf("%s settled (last %d solves): wall min %.0f / median %.0f ms, cpu min %.0f / median %.0f ms%n",
                        set, settledWall.size(), minOf(settledWall) / 1e6, median(settledWall) / 1e6,
                        minOf(settledCpu) / 1e6, median(settledCpu) / 1e6);
            }
        }
    }

    private static long minOf(List<Long> xs) {
        return xs.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = xs.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** CPU time of the whole process: on a shared, loaded machine a fairer figure than the wall clock. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A hash of the answer (the solution's builds, or the explanation's text) to compare runs. */
    static int fingerprint(SolveResult result) {
        if (result instanceof SolveResult.Solved so) {
            return so.solution().packages().stream().map(p -> p.spec().pkg().toString()).toList().hashCode();
        }
        return ((SolveResult.Unsatisfiable) result).explanation().render().hashCode();
    }

    private static void probe(Path catalog, String set) {
        PackageRepository repo = CatalogRepository.load("studio", catalog);
        spk.grammar.ident.BuildIdent id = null;
        var name = PkgRequest.parse(set).pkg().name();
        for (var v : repo.versions(name)) {
            if (v.toString().equals(PkgRequest.parse(set).pkg().version().toString().replace("=", ""))) {
                id = repo.builds(name, v).get(0).pkg();
            }
        }
        var spec = repo.builds(name, id.version()).get(0);
        List<String> base = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (var r : spec.install().requirements()) {
            (base.size() < 2 ? base : rest).add(r.toString());
        }
        System.out.println("base: " + base);
        List<String> kept = new ArrayList<>(base);
        for (String r : rest) {
            List<String> reqs = new ArrayList<>(kept);
            reqs.add(r);
            Search.Outcome o = new Search(new SolveEncoding(request(List.of(repo), reqs)), new Sat4jBackend(),
                    new DecisionLog(), false).run();
            System.out.println((o == null ? "UNSAT " : "ok    ") + r + (o == null ? "" : " " + o.resolved().size()));
            if (o != null) {
                kept.add(r);
            }
        }
    }
}
