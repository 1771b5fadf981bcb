package spk.cli.spk;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.WorkspaceFlag;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.variant.HostOptions;
import spk.spec.variant.Variants;

/** {@code spk num-variants PKG|SPEC_FILE}: how many variants the recipe builds. */
@Command(name = "num-variants", aliases = "variant-count", description = "Print the number of variants of a recipe.")
public final class NumVariantsCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    WorkspaceFlag workspace;

    @Parameters(paramLabel = "PKG|SPEC_FILE", description = "A recipe file, or a recipe of the workspace: NAME or NAME/VERSION.")
    String pkg;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionMap opts = options.options(HostOptions.detect());
        var loaded = new RecipeArguments(spec, workspace.dir(), List::of).load(pkg, opts);
        if (!(loaded.spec() instanceof Recipe recipe)) {
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(loaded.file().toString()), "",
                    "expected a package recipe (api: v0/package without a build)"));
        }
        spec.commandLine().getOut().println(Variants.of(recipe, opts).size());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
