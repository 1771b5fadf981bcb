package spk.cli.spk.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;
import spk.spec.model.VariantSpec;
import spk.spec.problem.Location;
import spk.spec.variant.HostOptions;
import spk.spec.variant.VariantSelection;

/** {@code --variant} and {@code --new-variant}: which variants of a recipe to build or test. */
public final class VariantFlags {
    @Option(names = "--variant", paramLabel = "INDEX|NAME=VALUE[,...]|{opt: value}",
            description = "Build or test only this variant: its index in the recipe (from 0), or the variants whose "
                    + "options have these values. Repeatable.")
    private List<String> variants = new ArrayList<>();

    @Option(names = "--new-variant", paramLabel = "{opt: value}",
            description = "Build or test a variant given here (as a recipe's variants are written) instead of the "
                    + "recipe's own. Repeatable.")
    private List<String> newVariants = new ArrayList<>();

    /** The chosen variants; {@code options} are the command line's (and host's) option values. */
    public List<VariantSelection.Selected> select(Recipe recipe, OptionMap options, HostOptions host, boolean noHost) {
        List<VariantSelection.Filter> filters = new ArrayList<>();
        for (String v : variants) {
            String t = v.strip();
            if (t.matches("\\d+")) {
                filters.add(new VariantSelection.Filter.Index(Integer.parseInt(t)));
            } else if (t.startsWith("{")) {
                filters.add(new VariantSelection.Filter.Options(OptionFlags.parse(t)));
            } else {
                OptionMap wanted = OptionMap.EMPTY;
                for (String pair : t.split(",")) {
                    if (!pair.contains("=")) {
                        throw new IllegalArgumentException("--variant " + v + ": '" + pair
                                + "' should be in the form name=value (or give an index, or a map '{name: value}')");
                    }
                    wanted = wanted.with(OptionMap.parseAssignment(pair));
                }
                filters.add(new VariantSelection.Filter.Options(wanted));
            }
        }
        List<VariantSpec> added = new ArrayList<>();
        for (String n : newVariants) {
            Map<String, String> entries = OptionFlags.parse(n.strip().startsWith("{") ? n : "{" + n + "}").entries();
            added.add(new VariantSpec(entries, Location.file("--new-variant")));
        }
        return VariantSelection.select(recipe, options, noHost ? OptionMap.EMPTY : host.options(), filters, added);
    }
}
