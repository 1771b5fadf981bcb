package spk.cli.spk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.solver.SolveResult;
import spk.spec.variant.HostOptions;
import spk.spec.write.SpecWriter;

/**
 * {@code spk view [FILE|REQUEST]}: a spec file as loaded (templates rendered), the package a
 * request resolves to in the repositories ({@code -r}), as YAML or JSON; without one, the packages
 * of the current environment; with {@code -F PATH} (or a path under /spfs), which packages and
 * layers of the current environment provide that file, as SPK's view does.
 */
@Command(name = "view", aliases = {"info", "provides"},
        description = "Show the current environment, a spec file as loaded, the package a request resolves to, or which "
                + "package provides a file under /spfs (-F).")
public final class ViewCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { yaml, json }

    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = {"-f", "--format"}, description = "yaml (default for a package) or json; for the current environment "
            + "and -F, the default is text.")
    Format format;

    @Option(names = {"-F", "--filepath"}, paramLabel = "PATH", description = "Which packages of the current environment "
            + "provide this file under /spfs.")
    String filepath;

    @Option(names = {"-p", "--pkg"}, paramLabel = "REQUEST", description = "Show this package (even if a file of that name exists).")
    String pkg;

    @Parameters(paramLabel = "FILE|REQUEST", arity = "0..1",
            description = "A spec file, a package request resolved in -r repositories, or a path under /spfs; "
                    + "none: the current environment.")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        String shown = format == null ? "text" : format.name();
        if (target == null && pkg == null) {
            return filepath != null ? EnvironmentView.provides(spec, filepath, shown) : EnvironmentView.current(spec, shown);
        }
        String target = pkg != null ? pkg : this.target;
        if (pkg == null && EnvironmentView.underSpfs(target)) {
            return EnvironmentView.provides(spec, target, shown);
        }
        Path file = Path.of(target);
        Map<String, Object> map;
        if (Files.exists(file) || target.endsWith(".yaml") || target.endsWith(".yml")) {
            // a spec file; a missing one is bad input, as for every command that reads spec files
            map = SpecWriter.toMap(SpkCommand.specLoader(spec).load(file, options.options(HostOptions.detect())).spec());
        } else {
            SolveResult result = ExplainCommand.run(spec, options, solver, List.of(target), solver.pre());
            if (!(result instanceof SolveResult.Solved solved) || solved.solution().packages().isEmpty()) {
                SolveOutput.text(spec.commandLine().getOut(), result, 0, false);
                spec.commandLine().getOut().flush();
                return 1;
            }
            // the requested package comes first in the solution, its dependencies after it
            map = SpecWriter.toMap(solved.solution().packages().get(0).spec());
        }
        String text = format == Format.json
                ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map) + "\n"
                : SpecWriter.dump(map);
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
