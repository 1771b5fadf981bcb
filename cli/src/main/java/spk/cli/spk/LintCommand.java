package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;
import spk.cli.spk.flags.OptionFlags;
import spk.spec.SpecLoader;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.variant.HostOptions;

/**
 * {@code spk lint FILE...}: loads each spec and prints every problem; exit 2 (bad input, as when
 * any other command reads a bad or missing spec) if any has errors.
 */
@Command(name = "lint", description = "Check spec files and report every problem with its location.")
public final class LintCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Spec files to check.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SpecLoader loader = SpkCommand.specLoader(spec);
        boolean failed = false;
        for (Path f : files) {
            List<Problem> problems;
            try {
                problems = loader.load(f, options.options(HostOptions.detect())).warnings();
            } catch (SpecException e) {
                problems = e.problems();
            }
            for (Problem p : problems) {
                out.println(p);
            }
            boolean errors = problems.stream().anyMatch(Problem::isError);
            failed |= errors;
            out.println((errors ? "Failed " : "OK ") + f);
        }
        out.flush();
        return failed ? ExitCodes.USAGE : ExitCodes.OK;
    }
}
