package spk.bench.solver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.solver.InitialRequest;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.repository.CatalogRepository;
import spk.solver.repository.PackageRepository;

/**
 * Loads a generated catalog and times solves of a request set: the load, the first solve and
 * repeated (warm) solves, on one back end. Usage: CATALOG [REQUESTS] [BACKEND] [REPEATS]
 * [EXTRA_REQUEST...], or {@code --print-requests CATALOG_PACKAGES COUNT} to list the request set
 * (for timing the same solve through the command line).
 */
public final class SolveRun {
    private SolveRun() {}

    /** {@code -Dspk.firstVersions=N}: how many versions of each package the solver reads at first. */
    private static final int FIRST_VERSIONS = Integer.getInteger("spk.firstVersions",
            spk.solver.compile.SolveEncoding.DEFAULT_FIRST_VERSIONS);

    /** The request set: {@code count} packages from the upper half of the catalog, seeded. */
    public static List<String> requests(int packages, int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        while (out.size() < count) {
            String n = CatalogGenerator.name(packages / 2 + r.nextInt(packages / 2));
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    public static void main(String[] args) {
        if (args[0].equals("--print-requests")) {
            System.out.println(String.join(" ", requests(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1)));
            return;
        }
        Path catalog = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Solver.Backend backend = args.length > 2 ? Solver.Backend.valueOf(args[2].toUpperCase()) : Solver.Backend.SAT4J;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        long t0 = System.nanoTime();
        PackageRepository repo = CatalogRepository.load("catalog", catalog);
        long t1 = System.nanoTime();
        System.out.printf("load and index: %.0f ms (%d packages)%n", (t1 - t0) / 1e6, repo.packageNames().size());
        List<String> texts = new ArrayList<>(requests(repo.packageNames().size(), count, 1));
        texts.addAll(List.of(args).subList(Math.min(args.length, 4), args.length));
        List<InitialRequest> reqs = texts.stream().map(n -> InitialRequest.commandLine(PkgRequest.parse(n))).toList();
        SolveRequest request = new SolveRequest(List.of(repo), reqs, OptionMap.EMPTY, false);
        for (int i = 0; i <= repeats; i++) {
            long s = System.nanoTime();
            SolveResult result = new Solver(backend, FIRST_VERSIONS).solve(request);
            long e = System.nanoTime();
            String what = result instanceof SolveResult.Solved so ? so.solution().packages().size() + " packages"
                    : "unsatisfiable";
            System.out.printf("%s solve %d: %.0f ms, %s, %s%n", i == 0 ? "first" : "warm", i, (e - s) / 1e6, what,
                    result.stats());
            if (i == 0 && result instanceof SolveResult.Solved so) {
                // a fingerprint of the answer, to compare runs with other settings
                System.out.printf("solution fingerprint: %08x%n", so.solution().packages().stream()
                        .map(p -> p.spec().pkg().toString()).toList().hashCode());
            }
        }
    }
}
