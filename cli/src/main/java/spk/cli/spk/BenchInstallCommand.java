package spk.cli.spk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.install.InstallSolve;

/**
 * {@code spk bench install CATALOG PKG... [--json]}: for each PKG ({@code name} or
 * {@code name=version}), one install solve on an empty system, each solution checked against
 * the catalog text by a checker written apart from the encoder. Exit 0 when every request can
 * be installed, 1 otherwise.
 */
@Command(name = "install", description = "Solve installing each package alone on an empty system (as apt or libsolv would).")
public final class BenchInstallCommand implements Callable<Integer> {
    @Mixin
    CatalogArgs catalogArgs;

    @Parameters(index = "0", paramLabel = "CATALOG", description = "Packages file(s), comma-joined to merge.")
    String catalog;

    @Parameters(index = "1..*", paramLabel = "PKG", arity = "0..*", description = "name or name=version.")
    List<String> requests = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE", description = "Also read requests from FILE, one per line.")
    Path from;

    @Option(names = "--json", description = "One JSON object per request, one per line.")
    boolean json;

    @Option(names = "--explain", description = "Say why a request cannot be installed.")
    boolean explain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<String> all = new ArrayList<>(requests);
        if (from != null) {
            for (String line : Files.readAllLines(from)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    all.add(line.strip());
                }
            }
        }
        if (all.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one PKG (or --from FILE)");
        }
        DebCatalog cat = catalogArgs.load(List.of(catalog));
        InstallSolve solve = new InstallSolve(cat);
        PrintWriter out = spec.commandLine().getOut();
        boolean verbose = spk.cli.app.GlobalOptions.of(spec).verbosity() > 0;
        ObjectMapper mapper = new ObjectMapper();
        boolean allOk = true;
        for (String r : all) {
            InstallSolve.Result res;
            try {
                res = solve.solve(r, explain && !json);
            } catch (InstallSolve.UnknownPackage e) {
                // one unknown name should not end a batch: report it and go on
                allOk = false;
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("request", r);
                    m.put("installable", false);
                    m.put("error", e.getMessage());
                    out.println(mapper.writeValueAsString(m));
                } else {
                    out.println("install " + r + ": " + e.getMessage());
                }
                continue;
            }
            allOk &= res.installable();
            double ms = res.nanos() / 1e6;
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("request", r);
                m.put("installable", res.installable());
                m.put("size", res.solution().size());
                m.put("encoded", res.encoded());
                m.put("millis", Math.round(ms * 1000) / 1000.0);
                m.put("packages", res.solution().stream().map(p -> p.name() + "=" + p.version()).toList());
                out.println(mapper.writeValueAsString(m));
            } else if (res.installable()) {
                out.printf("install %s: %d packages (%.2f ms)%n", r, res.solution().size(), ms);
                if (verbose) {
                    res.solution().stream().map(DebPackage::display).sorted().forEach(p -> out.println("  " + p));
                }
            } else {
                out.printf("install %s: cannot be installed (%.2f ms)%n", r, ms);
                res.explanation().ifPresent(e -> out.println("  " + e.render().replace("\n", "\n  ")));
            }
        }
        out.flush();
        return allOk ? 0 : 1;
    }
}
