package spk.solver.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.spec.SpecLoader;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.variant.BuiltSpecGenerator;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.VariantOptions;
import spk.spec.variant.Variants;
import spk.spec.write.SpecWriter;

/**
 * The builds of SPK's own 68 recipes (the spec compiler's test copy), every variant built as a
 * build would publish it, then written to a catalog folder: the folder's index gives back each
 * build equal to what its file says.
 */
class RecipeBuildsIndexTest {
    @TempDir
    Path dir;

    private static final HostOptions HOST = new HostOptions("linux", "x86_64", Optional.of("rocky"), Optional.of("9.3"));
    private static final Path RECIPES = Path.of("../spec-compiler/src/test/resources/spk-packages");

    @Test
    void everyRecipesBuildsComeBackFromTheIndexAsTheyWereWritten() throws Exception {
        BuiltSpecGenerator generator = new BuiltSpecGenerator(HOST);
        SpecLoader loader = new SpecLoader("0.44.0", Map.of());
        List<Path> files;
        try (Stream<Path> s = Files.walk(RECIPES)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".spk.yaml")).sorted().toList();
        }
        assertEquals(68, files.size(), "the recipes are at " + RECIPES.toAbsolutePath());
        int builds = 0;
        for (Path file : files) {
            Recipe r = (Recipe) loader.load(file, OptionMap.EMPTY).spec();
            List<String> yaml = new ArrayList<>();
            for (ResolvedVariant v : Variants.of(r, OptionMap.EMPTY)) {
                Map<PkgName, PackageSpec> env = new LinkedHashMap<>();
                for (Opt o : VariantOptions.optsFor(r, v, HOST)) {
                    if (o instanceof Opt.Pkg p) {
                        env.put(p.pkg(), envPackage(loader, p.pkg() + "/1.2.3/AAAAAAAA"));
                    }
                }
                for (Request req : r.install().requirements()) {
                    if (req instanceof PkgRequest p && p.pin().isPresent()) {
                        env.putIfAbsent(p.pkg().name(), envPackage(loader, p.pkg().name() + "/1.2.3/AAAAAAAA"));
                    }
                }
                yaml.add(SpecWriter.write(generator.generate(r, v, HOST.options(), new ArrayList<>(env.values()),
                        Map.of())));
            }
            yaml.add(SpecWriter.write(BuiltSpecGenerator.sourcePackage(r)));
            builds += yaml.size();
            StringBuilder list = new StringBuilder();
            for (String y : yaml) {
                list.append("- ").append(y.strip().replace("\n", "\n  ")).append('\n');
            }
            // one file per recipe (some recipes share a package name)
            Files.writeString(dir.resolve(files.indexOf(file) + "-" + r.pkg().name().value() + ".yaml"), list.toString());
        }
        Map<String, String> plain = CatalogIndexFileTest.answers(CatalogRepository.load("recipes", dir, w -> {}));
        CatalogIndexFile.Summary s = CatalogIndexFile.write(dir);
        assertEquals(builds, s.structured(), "every build is kept as fields: " + s);
        List<String> warnings = new ArrayList<>();
        CatalogRepository indexed = CatalogRepository.load("recipes", dir, warnings::add);
        assertTrue(indexed.fromIndex(), warnings.toString());
        assertEquals(plain, CatalogIndexFileTest.answers(indexed));
    }

    private static PackageSpec envPackage(SpecLoader loader, String ident) {
        return (PackageSpec) loader.loadText("env.yaml", "pkg: " + ident + "\n", OptionMap.EMPTY).spec();
    }
}
