package spk.cli.spk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spk.cli.spk.flags.OptionFlags;
import spk.grammar.option.OptionMap;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;
import spk.spec.variant.HostOptions;

/**
 * {@code spk make-recipe FILE -o name=value}: renders a template with the given options and
 * prints the recipe it makes (checked to load).
 */
@Command(name = "make-recipe", aliases = {"mkrecipe", "mkr"},
        description = "Render a spec template with -o options and print the resulting recipe.")
public final class MakeRecipeCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Parameters(paramLabel = "FILE", description = "A spec file (usually a template).")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OptionMap opts = options.options(HostOptions.detect());
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // as SpecLoader says it for every other command that reads a spec
            throw new SpecException(new Problem(Problem.Severity.ERROR, Location.file(file.toString()), "",
                    e instanceof java.nio.file.NoSuchFileException ? "no such file"
                            : "cannot read the file: " + spk.spec.problem.ReadFailure.describe(e)));
        }
        var loaded = SpkCommand.specLoader(spec).loadText(file.toString(), text, opts);
        spec.commandLine().getOut().print(loaded.renderedText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
