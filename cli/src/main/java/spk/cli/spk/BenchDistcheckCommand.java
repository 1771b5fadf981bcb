package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.debian.catalog.DebCatalog;
import spk.debian.check.BrokenExplainer;
import spk.debian.check.Distcheck;

/**
 * {@code spk bench distcheck CATALOG... [--explain]}: which packages of a Debian catalog cannot
 * be installed (with the essential packages), as {@code dose-distcheck} reports it: each broken
 * package, then {@code total-packages:} and {@code broken-packages:}. Exit 0 when none is broken,
 * 1 otherwise.
 */
@Command(name = "distcheck", description = "Check that every package of a Debian catalog can be installed, as dose-distcheck does.")
public final class BenchDistcheckCommand implements Callable<Integer> {
    @Mixin
    CatalogArgs catalogArgs;

    @Parameters(paramLabel = "CATALOG", arity = "1..*",
            description = "Packages files (plain, .xz or .gz); several (or comma-joined) are merged.")
    List<String> catalogs;

    @Option(names = "--explain", description = "Say why each broken package cannot be installed.")
    boolean explain;

    @Option(names = {"-j", "--threads"}, paramLabel = "N", description = "Workers (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-t", "--time"}, description = "Print how long each stage took (to stderr).")
    boolean time;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        DebCatalog catalog = catalogArgs.load(catalogs);
        long t1 = System.nanoTime();
        Distcheck.Result r = Distcheck.run(catalog, threads);
        PrintWriter out = spec.commandLine().getOut();
        BrokenExplainer explainer = new BrokenExplainer(catalog);
        for (int id : r.broken()) {
            out.println("broken: " + catalog.get(id).display());
            if (explain) {
                explainer.explain(id).ifPresent(e -> out.println("  " + e.render().replace("\n", "\n  ")));
            }
        }
        out.println("total-packages: " + r.total());
        out.println("broken-packages: " + r.broken().length);
        out.flush();
        if (time) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("read %d packages in %d ms; encoded in %d ms; checked in %d ms (%d rounds, %d solves); total %d ms%n",
                    catalog.size(), (t1 - t0) / 1_000_000, r.encodeMillis(), r.checkMillis(), r.rounds(), r.solves(),
                    (System.nanoTime() - t0) / 1_000_000);
            err.flush();
        }
        return r.broken().length == 0 ? 0 : 1;
    }
}
