package spk.spec;

import java.util.Map;
import spk.grammar.option.OptionMap;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SpecFile;

/** Test helpers: load spec text. */
final class Specs {
    private Specs() {}

    static final SpecLoader LOADER = new SpecLoader("0.44.0", Map.of("HOME", "/home/test"));

    static SpecFile load(String text) {
        return LOADER.loadText("test.spk.yaml", text, OptionMap.EMPTY).spec();
    }

    static Recipe recipe(String text) {
        return (Recipe) load(text);
    }

    static PackageSpec built(String text) {
        return (PackageSpec) load(text);
    }
}
