package spk.debian.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import spk.debian.catalog.DebCatalog;
import spk.debian.encode.CatalogEncoding;
import spk.debian.sat.InstallSat;
import spk.solver.backend.SatBackend;

/**
 * Which packages of a catalog can be installed (each with the essential packages), as
 * dose-distcheck answers it, on the project's constraint model and Sat4j.
 *
 * <p>Every solution found certifies every package installed in it, so the check goes in two
 * stages: first <em>rounds</em>, each one solve that prefers every package not yet certified
 * (an installation as large as the solver can make it), until a round certifies nothing new;
 * then each package still unknown is asked about alone, "can it be installed?", as a solve under
 * the assumption that it is. The first round runs on the whole archive and certifies nearly all
 * of it; everything after runs on one incremental solver over what the packages still unknown
 * can reach (a model there is an installation of the archive, a conflict there is one in it),
 * which keeps what it learns from one question to the next. The last questions are shared
 * between workers, one solver each, when there are enough of them.
 */
public final class Distcheck {
    private static final int UNKNOWN = 0;
    private static final int INSTALLABLE = 1;
    private static final int BROKEN = 2;

    private final CatalogEncoding encoding;
    private final AtomicIntegerArray status;
    private final AtomicInteger solves = new AtomicInteger();

    /** What the check found, and how much work it took. */
    public record Result(int total, int[] broken, int rounds, int solves, long encodeMillis, long checkMillis) {
        public Result {
            broken = broken.clone();
        }
    }

    private Distcheck(CatalogEncoding encoding) {
        this.encoding = encoding;
        this.status = new AtomicIntegerArray(encoding.catalog().size());
    }

    /** Checks every package of {@code catalog}, with up to {@code threads} workers. */
    public static Result run(DebCatalog catalog, int threads) {
        long t0 = System.nanoTime();
        CatalogEncoding encoding = CatalogEncoding.whole(catalog, true);
        long t1 = System.nanoTime();
        Distcheck d = new Distcheck(encoding);
        int rounds = d.check(Math.max(1, threads));
        long t2 = System.nanoTime();
        List<Integer> broken = new ArrayList<>();
        for (int id : encoding.packages()) {
            if (d.status.get(id) == BROKEN) {
                broken.add(id);
            }
        }
        return new Result(encoding.packages().length, broken.stream().mapToInt(Integer::intValue).toArray(), rounds,
                d.solves.get(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private int check(int threads) {
        // round 1 over the whole archive; it certifies nearly all of it
        try (InstallSat whole = new InstallSat(encoding.goals())) {
            round(whole, encoding);
        }
        int rounds = 1;
        int[] unknown = unknown();
        if (unknown.length == 0) {
            return rounds;
        }
        // the rest only concerns what the packages still unknown can reach: a much smaller
        // problem, in which a model is still an installation of the archive and a conflict is
        // still a conflict in it
        CatalogEncoding rest = CatalogEncoding.reachable(encoding.catalog(), unknown, true, false);
        InstallSat first = new InstallSat(rest.goals());
        try {
            // rounds stop paying once each certifies only a few (then most of what is left
            // conflicts with every large installation, and asking about each is cheaper)
            while (round(first, rest) >= MIN_ROUND_GAIN) {
                rounds++;
            }
            rounds++;
            int[] left = unknown();
            if (threads == 1 || left.length < 64) {
                askEach(first, rest, left, new AtomicInteger());
                return rounds;
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads - 1);
            try {
                List<Future<?>> others = new ArrayList<>();
                for (int i = 1; i < threads; i++) {
                    others.add(pool.submit(() -> {
                        try (InstallSat sat = new InstallSat(rest.goals())) {
                            askEach(sat, rest, left, next);
                        }
                    }));
                }
                askEach(first, rest, left, next);
                for (Future<?> f : others) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } finally {
                pool.shutdownNow();
            }
            return rounds;
        } finally {
            first.close();
        }
    }

    /** Below this many packages certified by a round, the rest is asked about one by one. */
    private static final int MIN_ROUND_GAIN = 64;

    /** One round: a solve preferring every package not yet known; returns how many it certified. */
    private int round(InstallSat sat, CatalogEncoding enc) {
        int before = countKnown();
        sat.hint(unknownHints(enc));
        certify(enc, sat.solve(enc.model(), new int[0]));
        return countKnown() - before;
    }

    /** Asks about each package of {@code left} still unknown, taking them from a shared cursor. */
    private void askEach(InstallSat sat, CatalogEncoding enc, int[] left, AtomicInteger next) {
        int i;
        while ((i = next.getAndIncrement()) < left.length) {
            int p = left[i];
            if (status.get(p) != UNKNOWN) {
                continue;
            }
            sat.hint(unknownHints(enc));
            SatBackend.Outcome out = sat.solve(enc.model(), new int[] {enc.var(p)});
            if (out instanceof SatBackend.Outcome.Sat) {
                certify(enc, out);
            } else {
                solves.incrementAndGet();
                status.set(p, BROKEN);
            }
        }
    }

    private void certify(CatalogEncoding enc, SatBackend.Outcome out) {
        solves.incrementAndGet();
        if (out instanceof SatBackend.Outcome.Sat s) {
            for (int id : enc.packages()) {
                if (s.isTrue(enc.var(id))) {
                    status.set(id, INSTALLABLE);
                }
            }
        }
    }

    private boolean[] unknownHints(CatalogEncoding enc) {
        boolean[] hints = new boolean[enc.model().varCount() + 1];
        for (int id : enc.packages()) {
            hints[enc.var(id)] = status.get(id) == UNKNOWN;
        }
        return hints;
    }

    private int[] unknown() {
        return java.util.Arrays.stream(encoding.packages()).filter(id -> status.get(id) == UNKNOWN).toArray();
    }

    private int countKnown() {
        int n = 0;
        for (int id : encoding.packages()) {
            if (status.get(id) != UNKNOWN) {
                n++;
            }
        }
        return n;
    }
}
