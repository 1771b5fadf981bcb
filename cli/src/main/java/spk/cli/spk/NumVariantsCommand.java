package spk.cli.spk;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.OptionFlags;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.variant.HostOptions;
import spk.spec.variant.Variants;

/** {@code spk num-variants FILE}: how many variants the recipe builds. */
@Command(name = "num-variants", aliases = "variant-count", description = "Print the number of variants of a recipe.")
public final class NumVariantsCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Parameters(paramLabel = "FILE", description = "A recipe file.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionMap opts = options.options(HostOptions.detect());
        var loaded = SpkCommand.specLoader(spec).load(file, opts);
        if (!(loaded.spec() instanceof Recipe recipe)) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    "expected a package recipe (api: v0/package without a build)"));
        }
        spec.commandLine().getOut().println(Variants.of(recipe, opts).size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
