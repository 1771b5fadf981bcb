package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.EnvOp;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.variant.BuiltSpecGenerator;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.VariantOptions;
import spk.spec.variant.Variants;
import spk.spec.write.SpecWriter;

/** Recipe → built spec (as SPK's generate_binary_build), and built specs surviving write → read unchanged. */
class BuiltSpecsTest {
    private final BuiltSpecGenerator generator = new BuiltSpecGenerator(VariantsTest.HOST);

    /** A package as if it had been resolved into a build environment. */
    static PackageSpec envPackage(String ident, String extra) {
        return Specs.built("pkg: " + ident + "\n" + extra);
    }

    @Test
    void pkgOptionsTakeTheCompatRenderingOfTheResolvedVersion() {
        Recipe r = Specs.recipe("""
                pkg: my-app/1.0
                build:
                  auto_host_vars: None
                  options:
                    - pkg: python/3
                    - pkg: odd
                """);
        List<PackageSpec> env = List.of(envPackage("python/3.7.3/AAAAAAAA", ""),
                envPackage("odd/1/AAAAAAAA", "compat: x.x.x.x\n"));
        PackageSpec built = generator.generate(r, Variants.of(r, OptionMap.EMPTY).get(0), OptionMap.EMPTY, env,
                Map.of());
        assertEquals(Optional.of("~3.7.3"), built.options().get(0).staticValue());
        assertEquals(Optional.of("~1.0.0.0"), built.options().get(1).staticValue());
        // the digest covers the unrendered options in name order, each "name=value\0" (a pkg
        // option's value is its default range, empty if none): the first 8 base32 characters of
        // SHA-1("odd=\0python=3\0"), worked out outside this code
        assertEquals("my-app/1.0.0/7KVEHLKY", built.pkg().toString());
    }

    @Test
    void pinsAreRenderedFromTheBuildEnvironment() {
        Recipe r = Specs.recipe("""
                pkg: my-app/1.0
                build:
                  auto_host_vars: None
                  options:
                    - pkg: python
                    - var: abi/cp37m
                install:
                  requirements:
                    - pkg: python
                      fromBuildEnv: x.x
                    - pkg: gcc
                      fromBuildEnv: true
                      ifPresentInBuildEnv: true
                    - var: abi
                      fromBuildEnv: true
                """);
        PackageSpec built = generator.generate(r, Variants.of(r, OptionMap.EMPTY).get(0), OptionMap.EMPTY,
                List.of(envPackage("python/3.9.5-alpha.1/AAAAAAAA", "")), Map.of());
        List<Request> reqs = built.install().requirements();
        assertEquals(2, reqs.size(), "gcc is not in the build env and only pinned if present");
        assertEquals("python/3.9.0", ((PkgRequest) reqs.get(0)).pkg().toString(), "displayed padded, as SPK does");
        assertEquals("abi/cp37m", reqs.get(1).toString());
        // stored as SPK stores it: the pin's two parts, and a request as it was written
        String yaml = SpecWriter.write(built);
        assertTrue(yaml.contains("- pkg: python/3.9\n"), yaml);
        Recipe typed = Specs.recipe("pkg: my-app/1.0\ninstall:\n  requirements:\n    - pkg: mytool/2\n"
                + "    - pkg: other/API:1.2,<3\n");
        String written = SpecWriter.write(typed);
        assertTrue(written.contains("- pkg: mytool/2\n") && written.contains("- pkg: other/<3.0.0,API:1.2\n"), written);
        spk.spec.variant.BuildInputException e = assertThrows(spk.spec.variant.BuildInputException.class, () -> generator.generate(r,
                Variants.of(r, OptionMap.EMPTY).get(0), OptionMap.EMPTY, List.of(), Map.of()));
        assertTrue(e.getMessage().contains("python"), e.getMessage());
    }

    @Test
    void strongVarsOfTheBuildEnvironmentAreInherited() {
        Recipe r = Specs.recipe("""
                pkg: my-lib/1.0
                build:
                  auto_host_vars: None
                  options:
                    - pkg: python
                install:
                  requirements:
                    - var: python.debug
                      suppress: not relevant here
                """);
        PackageSpec python = envPackage("python/3.7.3/AAAAAAAA", """
                build:
                  options:
                    - var: abi
                      static: cp37m
                      inheritance: Strong
                      description: the python abi
                    - var: debug
                      static: "off"
                      inheritance: Strong
                    - var: arch
                      static: x86_64
                    - var: flavor
                      static: fast
                      inheritance: StrongForBuildOnly
                """);
        PackageSpec built = generator.generate(r, Variants.of(r, OptionMap.EMPTY).get(0), OptionMap.EMPTY,
                List.of(python), Map.of());
        List<String> options = built.options().stream().map(o -> o.fullName() + "=" + o.staticValue().orElse(""))
                .toList();
        assertEquals(List.of("python=~3.7.3", "python.abi=cp37m", "python.debug=off", "python.flavor=fast"), options);
        List<Request> reqs = built.install().requirements();
        assertEquals(1, reqs.size(), "Weak and build-only vars are not runtime requirements; debug is suppressed");
        VarRequest abi = (VarRequest) reqs.get(0);
        assertEquals("python.abi/cp37m", abi.toString());
        assertEquals(Optional.of("the python abi"), abi.description());
    }

    @Test
    void environmentValuesAreExpanded() {
        Recipe r = Specs.recipe("""
                pkg: my-app/1.2.3
                build: {auto_host_vars: None}
                install:
                  environment:
                    - set: MY_APP_ROOT
                      value: /spfs/opt/$SPK_PKG_NAME/${SPK_PKG_VERSION_MAJOR}
                    - append: PATH
                      value: $HOME/bin
                """);
        PackageSpec built = generator.generate(r, Variants.of(r, OptionMap.EMPTY).get(0), OptionMap.EMPTY, List.of(),
                Map.of("HOME", "/home/me"));
        assertEquals(new EnvOp.Set("MY_APP_ROOT", "/spfs/opt/my-app/1"), built.install().environment().get(0));
        assertEquals(new EnvOp.Append("PATH", "/home/me/bin", ":"), built.install().environment().get(1));
    }

    @Test
    void sourcePackagesArePruned() {
        Recipe r = Specs.recipe("pkg: my-app/1.0\ninstall:\n  requirements: [{pkg: python}]\n");
        PackageSpec src = BuiltSpecGenerator.sourcePackage(r);
        assertEquals("my-app/1.0.0/src", src.pkg().toString());
        assertEquals(List.of(), src.install().requirements());
        assertEquals(List.of(Component.SOURCE), src.install().components().stream().map(c -> c.name()).toList());
        assertRoundTrips(src);
    }

    static void assertRoundTrips(PackageSpec spec) {
        String yaml = SpecWriter.write(spec);
        PackageSpec again = Specs.built(yaml);
        assertEquals(spec, again, yaml);
        assertEquals(yaml, SpecWriter.write(again));
    }

    static List<Path> recipes() throws Exception {
        return CatalogRecipesTest.recipes().toList();
    }

    /** Every catalog recipe's variants build into specs that round-trip. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recipes")
    void everyCatalogRecipeBuildsASpecThatRoundTrips(Path file) {
        Recipe r = (Recipe) Specs.LOADER.load(file, OptionMap.EMPTY).spec();
        for (ResolvedVariant v : Variants.of(r, OptionMap.EMPTY)) {
            Map<PkgName, PackageSpec> env = new LinkedHashMap<>();
            for (Opt o : VariantOptions.optsFor(r, v, VariantsTest.HOST)) {
                if (o instanceof Opt.Pkg p) {
                    env.put(p.pkg(), envPackage(p.pkg() + "/1.2.3/AAAAAAAA", ""));
                }
            }
            for (Request req : r.install().requirements()) {
                if (req instanceof PkgRequest p && p.pin().isPresent()) {
                    env.putIfAbsent(p.pkg().name(), envPackage(p.pkg().name() + "/1.2.3/AAAAAAAA", ""));
                }
            }
            PackageSpec built = generator.generate(r, v, VariantsTest.HOST.options(), new ArrayList<>(env.values()),
                    Map.of());
            assertRoundTrips(built);
        }
        assertRoundTrips(BuiltSpecGenerator.sourcePackage(r));
    }
}
