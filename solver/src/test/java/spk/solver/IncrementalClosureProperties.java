package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.solver.compile.IncrementalClosure;
import spk.solver.compile.SolveEncoding;
import spk.solver.repository.CatalogRepository;

/**
 * The closure kept current while packages are decided and undecided in any order (with
 * components, their {@code uses} and requirements, embedded copies and IfAlreadyPresent
 * requests) is at every step the closure computed from scratch for the same decisions: the same
 * pending packages in the same order, the same components in use and the same requesters (in
 * the order they were met).
 */
class IncrementalClosureProperties {
    static final String[] COMPONENTS = {"", ":lib", ":bin", ":all"};

    record Problem(CatalogRepository repo, List<String> requests, long seed) {}

    static Problem generate(long seed) {
        Random r = new Random(seed);
        int packages = 3 + r.nextInt(6);
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            for (int v = 0; v < 1 + r.nextInt(2); v++) {
                StringBuilder sb = new StringBuilder("pkg: p" + p + "/1." + v + ".0/" + "ABCD".charAt(v) + "AAAAAAA\n");
                sb.append("install:\n  requirements: [").append(String.join(", ", requirements(r, packages, p)))
                        .append("]\n");
                if (r.nextInt(4) == 0) {
                    sb.append("  embedded:\n    - pkg: e").append(p).append("/1.0.0\n");
                }
                sb.append("  components:\n    - name: lib\n      requirements: [")
                        .append(String.join(", ", requirements(r, packages, p))).append("]\n")
                        .append("    - name: bin\n      uses: [lib]\n      requirements: [")
                        .append(String.join(", ", requirements(r, packages, p))).append("]\n");
                texts.add(sb.toString());
            }
        }
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            requests.add("p" + r.nextInt(packages) + COMPONENTS[r.nextInt(COMPONENTS.length)]);
        }
        return new Problem(Catalogs.repo("local", texts.toArray(String[]::new)), requests, seed);
    }

    private static List<String> requirements(Random r, int packages, int self) {
        List<String> out = new ArrayList<>();
        List<Integer> named = new ArrayList<>();
        for (int i = 0; i < r.nextInt(3); i++) {
            int target = r.nextInt(packages);
            if (target == self || named.contains(target)) {
                continue;
            }
            named.add(target);
            String comp = COMPONENTS[r.nextInt(COMPONENTS.length)];
            out.add("{pkg: p" + target + comp + (r.nextInt(4) == 0 ? ", include: IfAlreadyPresent" : "") + "}");
        }
        return out;
    }

    @Test
    void theClosureKeptCurrentIsTheClosureFromScratch() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> check(generate(seed)));
    }

    private static void check(Problem problem) {
        List<InitialRequest> reqs = problem.requests().stream()
                .map(n -> InitialRequest.commandLine(PkgRequest.parse(n))).toList();
        SolveEncoding enc = new SolveEncoding(new SolveRequest(List.of(problem.repo()), reqs, OptionMap.EMPTY, false));
        // every candidate reachable from the requests, with its requirements encoded
        List<PkgName> names = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            for (PkgName n : problem.repo().packageNames()) {
                for (var c : enc.ranked(n)) {
                    enc.expand(c.var());
                }
            }
        }
        for (PkgName n : problem.repo().packageNames()) {
            if (!enc.ranked(n).isEmpty()) {
                names.add(n);
            }
        }
        for (String e : List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8")) {
            if (!enc.ranked(new PkgName(e)).isEmpty()) {
                names.add(new PkgName(e));
            }
        }
        Random r = new Random(problem.seed());
        IncrementalClosure kept = enc.newClosure();
        Map<PkgName, Integer> decided = new LinkedHashMap<>();
        int checks = 0;
        for (int op = 0; op < 40 && !names.isEmpty(); op++) {
            PkgName n;
            PkgName first = kept.firstPending();
            if (first != null && r.nextBoolean() && !enc.ranked(first).isEmpty()) {
                n = first; // mostly as the walk does: the first pending package next
            } else {
                n = names.get(r.nextInt(names.size()));
            }
            var candidates = enc.ranked(n);
            if (decided.containsKey(n) && r.nextInt(3) == 0) {
                decided.remove(n);
                kept.undecide(n);
            } else {
                int var = candidates.get(r.nextInt(candidates.size())).var();
                decided.put(n, var);
                kept.decide(n, var);
            }
            if (r.nextInt(3) > 0) {
                SolveEncoding.Closure fresh = enc.closure(decided);
                SolveEncoding.Closure now = kept.snapshot();
                String where = "seed " + problem.seed() + ", after " + decided;
                assertEquals(fresh.pending(), now.pending(), where);
                assertEquals(new ArrayList<>(fresh.requestedBy().entrySet()),
                        new ArrayList<>(now.requestedBy().entrySet()), where);
                assertEquals(fresh.usedComponents(), now.usedComponents(), where);
                assertEquals(fresh.pending().isEmpty() ? null : fresh.pending().get(0), kept.firstPending(), where);
                checks++;
            }
        }
        assertTrue(checks > 0 || names.isEmpty(), "nothing compared for seed " + problem.seed());
    }
}
