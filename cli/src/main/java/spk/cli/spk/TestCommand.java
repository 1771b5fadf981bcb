package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.builder.PackageTester;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.cli.spk.flags.VariantFlags;
import spk.spec.model.TestSpec;
import spk.spec.variant.VariantSelection;

/**
 * {@code spk test FILE|NAME/VERSION[@STAGE]...}: runs a recipe's tests (every stage, or the one
 * named) for each chosen variant, as SPK does; the first failing test stops the run, exit 1.
 */
@Command(name = "test", description = "Run a recipe's tests (sources, build and install stages) for each variant.")
public final class TestCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Mixin
    VariantFlags variants;

    @Option(names = "--here", description = "Test in the current folder instead of the source package "
            + "(for the sources and build stages; install tests run here anyway).")
    boolean here;

    @Parameters(paramLabel = "FILE|NAME/VERSION[@STAGE]", arity = "1..*",
            description = "The recipes to test, each optionally limited to one stage: @sources, @build or @install.")
    List<String> packages;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (BuildSession session = new BuildSession(spec, options, solver)) {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Path> where = here ? Optional.of(Path.of("").toAbsolutePath()) : Optional.empty();
            for (String p : packages) {
                int at = p.lastIndexOf('@');
                String name = at < 0 ? p : p.substring(0, at);
                List<TestSpec.Stage> stages = at < 0 ? List.of(TestSpec.Stage.values()) : List.of(stage(p.substring(at + 1)));
                BuildSession.Target target = session.recipe(name);
                List<VariantSelection.Selected> chosen = session.variants(variants, target.recipe());
                try (TerminalProgress progress = TerminalProgress.forTerminal("test " + target.recipe().pkg(),
                        3L * chosen.size() * stages.size())) {
                    PackageTester tester = session.tester(progress);
                    for (TestSpec.Stage stage : stages) {
                        for (VariantSelection.Selected v : chosen) {
                            List<TestSpec> tests = tester.selected(target.recipe(), stage, v.variant(), session.options);
                            for (int i = 0; i < tests.size(); i++) {
                                String label = target.recipe().pkg() + " " + stage.yamlName() + " test " + i + " (" + v.location()
                                        + ")";
                                tester.run(target.recipe(), tests.get(i), v.variant(), session.options, where, label);
                                out.println("passed " + label);
                                out.flush();
                            }
                        }
                    }
                }
            }
        }
        return 0;
    }

    private static TestSpec.Stage stage(String text) {
        TestSpec.Stage s = TestSpec.Stage.fromYaml(text);
        if (s == null) {
            throw new BuildSession.BadBuildRequest("unknown test stage @" + text + ": expected @sources, @build or @install");
        }
        return s;
    }
}
