package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spk.grammar.option.OptionMap;
import spk.spec.model.Recipe;

/** The recipes (and the platform) under the repository's packages/ folder lint clean. */
class OurPackagesTest {
    static Stream<Path> recipes() throws Exception {
        Path dir = Path.of("..", "packages").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(dir), "packages/ is at the repository root: " + dir);
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".spk.yaml")).sorted().toList();
            assertTrue(files.size() >= 10, "at least 10 recipes: " + files);
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void lintsClean(Path file) {
        SpecLoader.Loaded loaded = Specs.LOADER.load(file, OptionMap.EMPTY);
        assertTrue(loaded.spec() instanceof Recipe || loaded.spec() instanceof spk.spec.model.Platform, file.toString());
        assertEquals(List.of(), loaded.warnings());
    }
}
