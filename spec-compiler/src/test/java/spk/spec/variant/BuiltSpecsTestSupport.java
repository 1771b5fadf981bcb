package spk.spec.variant;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import spk.grammar.option.OptionMap;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;

/** Builds a recipe's first variant with an empty build environment, for tests. */
public final class BuiltSpecsTestSupport {
    private BuiltSpecsTestSupport() {}

    public static PackageSpec build(Recipe recipe) {
        HostOptions host = new HostOptions("linux", "x86_64", Optional.of("rocky"), Optional.of("9.3"));
        return new BuiltSpecGenerator(host).generate(recipe, Variants.of(recipe, OptionMap.EMPTY).get(0),
                host.options(), List.of(), Map.of());
    }
}
