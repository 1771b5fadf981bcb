package spk.spec.variant;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;
import spk.spec.model.VariantSpec;

/**
 * Which variants of a recipe a build or test run takes, as SPK's {@code --variant} and
 * {@code --new-variant} choose them: by default every variant of the recipe except those that
 * set a host option (e.g. {@code distro}) to another value than this host's; {@code --variant}
 * picks by index or keeps those whose options include the given values; {@code --new-variant}
 * adds a variant written on the command line. A variant that repeats an earlier one (same
 * options once the command line's are applied, same added requirements) is taken once.
 */
public final class VariantSelection {
    private VariantSelection() {}

    /** One {@code --variant}: an index into the recipe's variants, or options a variant must have. */
    public sealed interface Filter {
        record Index(int index) implements Filter {}

        record Options(OptionMap wanted) implements Filter {}
    }

    /** A chosen variant and where it came from ({@code variant 0}, {@code new variant 1}). */
    public record Selected(String location, ResolvedVariant variant) {}

    /**
     * @param given       the command line's options (with the host's unless --no-host)
     * @param hostOptions this host's options, empty with --no-host
     */
    public static List<Selected> select(Recipe recipe, OptionMap given, OptionMap hostOptions, List<Filter> filters,
            List<VariantSpec> newVariants) {
        List<ResolvedVariant> defaults = Variants.of(recipe, given);
        List<Selected> out = new ArrayList<>();
        List<String> filteredOut = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        if (filters.isEmpty() && newVariants.isEmpty()) {
            for (int i = 0; i < defaults.size(); i++) {
                keep(out, seen, filteredOut, "variant " + i, defaults.get(i), given, hostOptions, OptionMap.EMPTY);
            }
        }
        for (Filter f : filters) {
            if (f instanceof Filter.Index ix) {
                if (ix.index() < 0 || ix.index() >= defaults.size()) {
                    throw new IllegalArgumentException("--variant " + ix.index() + " is out of range; " + defaults.size()
                            + " variant(s) found in " + recipe.pkg() + ", numbered from 0");
                }
                keep(out, seen, filteredOut, "variant " + ix.index(), defaults.get(ix.index()), given, OptionMap.EMPTY,
                        OptionMap.EMPTY);
            } else {
                OptionMap wanted = ((Filter.Options) f).wanted();
                for (int i = 0; i < defaults.size(); i++) {
                    keep(out, seen, filteredOut, "variant " + i, defaults.get(i), given, hostOptions, wanted);
                }
            }
        }
        for (int i = 0; i < newVariants.size(); i++) {
            keep(out, seen, filteredOut, "new variant " + i, Variants.resolve(newVariants.get(i), recipe.build().options()),
                    given, OptionMap.EMPTY, OptionMap.EMPTY);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no variant of " + recipe.pkg() + " was selected"
                    + (filteredOut.isEmpty() ? "" : ": " + String.join("; ", filteredOut))
                    + " (check --variant filters, and that host options match at least one variant)");
        }
        return out;
    }

    private static void keep(List<Selected> out, Set<List<Object>> seen, List<String> filteredOut, String location,
            ResolvedVariant v, OptionMap given, OptionMap host, OptionMap wanted) {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> e : host.entries().entrySet()) {
            Optional<String> actual = v.options().get(e.getKey());
            if (actual.isPresent() && !actual.get().equals(e.getValue())) {
                mismatches.add(e.getKey() + " (expected " + e.getValue() + ", variant has " + actual.get() + ")");
            }
        }
        for (Map.Entry<String, String> e : wanted.entries().entrySet()) {
            Optional<String> actual = v.options().get(e.getKey());
            if (!actual.equals(Optional.of(e.getValue()))) {
                mismatches.add(e.getKey() + actual.map(a -> " (expected " + e.getValue() + ", variant has " + a + ")")
                        .orElse(" (missing from variant)"));
            }
        }
        if (!mismatches.isEmpty()) {
            filteredOut.add(location + " didn't match on " + String.join(", ", mismatches));
            return;
        }
        if (seen.add(List.of(v.options().with(given), v.additionalRequirements()))) {
            out.add(new Selected(location, v));
        }
    }
}
