package spk.cli.spk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
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
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.solver.Solver;
import spk.solver.check.BuildFilter;
import spk.solver.check.InstallabilityCheck;
import spk.spec.variant.HostOptions;

/**
 * {@code spk check-installable [-r REPO]... [PKG...]}: whether every build of the repositories
 * (or of the packages named) can be installed alone with the options given, and for each one
 * that cannot, why, in {@code spk explain}'s words. Exit 0 when all can, 1 when some cannot.
 */
@Command(name = "check-installable", description = "Check that every build (or those named) can be installed on its own; "
        + "explain each one that cannot.")
public final class CheckInstallableCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, json }

    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = "--format", description = "text (default) or json.")
    Format format = Format.text;

    @Parameters(paramLabel = "PKG", arity = "0..*", description = "name, name/version or name/version/build (default: all).")
    List<String> packages = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<BuildFilter> filters = new ArrayList<>();
        for (String p : packages) {
            try {
                filters.add(BuildFilter.parse(p));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        InstallabilityCheck.Report report = new InstallabilityCheck(
                new Solver(solver.backend(), spk.solver.compile.SolveEncoding.DEFAULT_FIRST_VERSIONS,
                        SpkConfig.load(SpkCommand.environment(spec)).solverOrder()),
                solver.repositories(), options.options(HostOptions.detect())).run(filters);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            json(out, report);
        } else {
            text(out, report);
        }
        out.flush();
        return report.broken().isEmpty() ? 0 : 1;
    }

    private void text(PrintWriter out, InstallabilityCheck.Report report) {
        boolean verbose = spk.cli.app.GlobalOptions.of(spec).verbosity() > 0;
        for (InstallabilityCheck.Checked c : report.builds()) {
            if (c.installable()) {
                if (verbose) {
                    out.println("ok: " + c.build() + "  (" + c.repository() + ")");
                }
            } else {
                out.println("cannot install " + c.build() + "  (" + c.repository() + "): "
                        + c.problem().get().render().replace("\n", "\n  "));
            }
        }
        out.println("checked " + report.builds().size() + " builds (" + report.solves() + " solves): "
                + report.broken().size() + " cannot be installed");
    }

    private static void json(PrintWriter out, InstallabilityCheck.Report report) throws Exception {
        List<Object> builds = new ArrayList<>();
        for (InstallabilityCheck.Checked c : report.builds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pkg", c.build().toString());
            m.put("repository", c.repository());
            m.put("installable", c.installable());
            c.problem().ifPresent(e -> m.put("explanation", e.render()));
            builds.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checked", report.builds().size());
        m.put("broken", report.broken().size());
        m.put("builds", builds);
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    }
}
