package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spk.grammar.option.OptionMap;
import spk.spec.model.Opt;
import spk.spec.model.Recipe;

/** Every recipe of SPK's own packages folder (copied under test resources) loads and lints clean. */
class CatalogRecipesTest {
    static Path catalog() throws URISyntaxException {
        return Path.of(CatalogRecipesTest.class.getResource("/spk-packages/README.md").toURI()).getParent();
    }

    static Stream<Path> recipes() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.walk(catalog())) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".spk.yaml")).sorted().toList();
            return files.stream();
        }
    }

    private final SpecLoader loader = new SpecLoader("0.44.0", Map.of());

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void loadsWithoutProblems(Path file) {
        SpecLoader.Loaded loaded = loader.load(file, OptionMap.EMPTY);
        assertInstanceOf(Recipe.class, loaded.spec());
        assertEquals(List.of(), loaded.warnings(), "lint clean");
    }

    @Test
    void thereAreSixtyEightRecipes() throws Exception {
        assertEquals(68, recipes().count());
    }

    private Recipe recipe(String relative, OptionMap options) throws URISyntaxException {
        return (Recipe) loader.load(catalog().resolve(relative), options).spec();
    }

    @Test
    void pythonRendersItsAbiChoicesFromTheVersion() throws Exception {
        Recipe py3 = recipe("python/python3.spk.yaml", OptionMap.EMPTY);
        assertEquals("python/3.7.3", py3.pkg().toString());
        Opt.Var abi = (Opt.Var) py3.build().options().stream().filter(o -> o.fullName().value().equals("abi"))
                .findFirst().orElseThrow();
        assertEquals(List.of("cp37m", "cp37dm"), abi.choices());
        assertEquals("cp37m", abi.defaultValue());
        Recipe py39 = recipe("python/python3.spk.yaml", OptionMap.of(Map.of("version", "3.9.7")));
        Opt.Var abi39 = (Opt.Var) py39.build().options().stream().filter(o -> o.fullName().value().equals("abi"))
                .findFirst().orElseThrow();
        assertEquals(List.of("cp39m", "cp39dm"), abi39.choices());
        assertEquals("python/3.9.7", py39.pkg().toString());
    }

    @Test
    void cmakeTakesItsVersionFromTheCommandLine() throws Exception {
        assertEquals("cmake/3.18.2", recipe("cmake/cmake.spk.yaml", OptionMap.EMPTY).pkg().toString());
        assertEquals("cmake/3.20.0",
                recipe("cmake/cmake.spk.yaml", OptionMap.of(Map.of("version", "3.20.0"))).pkg().toString());
    }
}
