package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;
import spk.spec.model.Platform;
import spk.spec.model.RequirementsFile;
import spk.spec.workspace.BraceExpansion;
import spk.spec.workspace.Workspace;

class OtherSpecKindsTest {
    @Test
    void v1PlatformsReadBuildAndRuntimeSidesAndRemovals() {
        Platform p = (Platform) Specs.load("""
                api: v1/platform
                platform: dcc-platform/2025.01.01
                base:
                  - company-platform/2024.01.01
                requirements:
                  - pkg: python
                    atBuild: =3.7.10
                    atRuntime: 3.7
                  - pkg: imath
                    atBuild: false
                    atRuntime: false
                  - var: distro
                    atRuntime: rocky
                """);
        assertEquals(Platform.Api.V1, p.api());
        assertEquals("company-platform/2024.1.1", p.bases().get(0).toString());
        Platform.Requirement python = p.requirements().get(0);
        assertEquals(Optional.of(new Platform.Constraint.Value("=3.7.10")), python.atBuild());
        assertEquals(Optional.of(new Platform.Constraint.Value("3.7")), python.atRuntime());
        assertInstanceOf(Platform.Constraint.Remove.class, p.requirements().get(1).atBuild().orElseThrow());
        assertInstanceOf(Platform.Target.Var.class, p.requirements().get(2).target());
    }

    @Test
    void platformsBuildAsConstraintOnlyComponentsOverTheirBases() {
        Platform base = (Platform) Specs.load("""
                api: v1/platform
                platform: company-platform/2024.1
                requirements:
                  - {pkg: python, atBuild: ~3.7.0, atRuntime: "3.7"}
                  - {pkg: imath, atRuntime: "3.1"}
                  - {pkg: gcc, atBuild: "9"}
                """);
        var baseSpec = spk.spec.variant.BuiltSpecsTestSupport.build(
                spk.spec.variant.PlatformRecipes.toRecipe(base, id -> Optional.empty()));
        Platform dcc = (Platform) Specs.load("""
                api: v1/platform
                platform: dcc-platform/2025.1
                base: [company-platform/2024.1]
                requirements:
                  - {pkg: python, atRuntime: "3.9"}
                  - {pkg: imath, atRuntime: false}
                """);
        var recipe = spk.spec.variant.PlatformRecipes.toRecipe(dcc, id -> Optional.of(baseSpec));
        var run = recipe.install().components().stream().filter(c -> c.name().name().equals("run")).findFirst()
                .orElseThrow();
        assertEquals(List.of("python/3.9.0"), run.requirements().stream().map(Object::toString).toList());
        assertEquals(InclusionPolicy.IF_ALREADY_PRESENT, ((PkgRequest) run.requirements().get(0)).inclusionPolicy());
        var build = recipe.install().components().stream().filter(c -> c.name().name().equals("build")).findFirst()
                .orElseThrow();
        assertEquals(List.of("python/~3.7.0", "gcc/9.0.0"), build.requirements().stream().map(Object::toString).toList());
        assertEquals(List.of(), recipe.build().script());
    }

    @Test
    void v0PlatformsTakeAListOrAddAndRemove() {
        Platform p = (Platform) Specs.load("""
                api: v0/platform
                platform: old-platform/1.0
                base: company-platform/2024.1
                requirements:
                  add:
                    - pkg: python/3.7
                  remove:
                    - pkg: imath
                """);
        assertEquals(Platform.Api.V0, p.api());
        assertEquals(2, p.requirements().size());
        assertInstanceOf(Platform.Constraint.Remove.class, p.requirements().get(1).atRuntime().orElseThrow());
    }

    @Test
    void requestsFilesHoldRequestsAndOptions() {
        RequirementsFile f = (RequirementsFile) Specs.load("""
                api: v0/requirements
                requirements:
                  - pkg: python/3.9
                  - {pkg: gcc/9, include: IfAlreadyPresent}
                  - var: debug/on
                options:
                  color: blue
                """);
        assertEquals("python/3.9.0", f.requirements().get(0).toString());
        assertEquals(InclusionPolicy.IF_ALREADY_PRESENT, ((PkgRequest) f.requirements().get(1)).inclusionPolicy());
        assertEquals("debug", ((VarRequest) f.requirements().get(2)).var().value());
        assertEquals(Optional.of("blue"), f.options().get("color"));
    }

    @Test
    void requestKeysIgnoreCaseAsInSpk() {
        var r = Specs.recipe("pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: python\n      FROMBUILDENV: x.x\n");
        assertEquals(Optional.of("x.x"), ((PkgRequest) r.install().requirements().get(0)).pin());
    }

    @Test
    void braceExpansionLikeBash() {
        assertEquals(List.of("3.7.0", "3.7.1", "3.7.2"), BraceExpansion.expand("3.7.{0..2}"));
        assertEquals(List.of("a1", "a2", "b1", "b2"), BraceExpansion.expand("{a,b}{1,2}"));
        assertEquals(List.of("plain"), BraceExpansion.expand("plain"));
    }

    @Test
    void workspacesListRecipesAndTheirVersions(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("packages/python"));
        Files.writeString(dir.resolve("packages/python/python3.spk.yaml"), "pkg: python/{{ opt.version }}\n");
        Files.writeString(dir.resolve("packages/python/python2.spk.yaml"), "pkg: python/2.7.18\n");
        Files.writeString(dir.resolve("packages/zlib.spk.yaml"), "pkg: zlib/1.2.11\n");
        Files.writeString(dir.resolve("workspace.spk.yaml"), """
                api: v0/workspace
                recipes:
                  - packages/**/*.spk.yaml
                  - path: packages/python/python3.spk.yaml
                    versions: ['3.7.{0..2}', '3.9.1']
                  - path: packages/python/python2.spk.yaml
                    versions: [2.7.18]
                """);
        Workspace w = Workspace.discover(dir.resolve("packages/python"));
        Path real = dir.toRealPath();
        assertEquals(3, w.recipes().size(), "**/ matches no folder too: " + w.recipes());
        assertEquals(4, w.recipes().get(real.resolve("packages/python/python3.spk.yaml")).size());
        assertEquals(new Workspace.Found(real.resolve("packages/zlib.spk.yaml"), Optional.empty()), w.resolve("zlib"));
        assertEquals(new Workspace.Found(real.resolve("packages/python/python3.spk.yaml"), Optional.of(Version.parse("3.7.2"))),
                w.resolve("python/3.7"), "the highest 3.7 the template makes");
        assertEquals(Optional.of(Version.parse("3.9.1")), w.resolve("python/3.8").version(), "3.8 admits >=3.8,<4");
        assertEquals(new Workspace.Found(real.resolve("packages/python/python2.spk.yaml"), Optional.of(Version.parse("2.7.18"))),
                w.resolve("python/2"));
        var several = assertThrows(Workspace.NotInWorkspace.class, () -> w.resolve("python"));
        assertTrue(several.getMessage().contains("make 'python'; give a version or a file:\n - packages/python/python2.spk.yaml "
                + "versions=[2.7.18]\n - packages/python/python3.spk.yaml versions=[3.7.0, 3.7.1, 3.7.2, 3.9.1]"),
                several.getMessage());
        assertThrows(Workspace.NotInWorkspace.class, () -> w.resolve("python/3.10"));
        assertThrows(Workspace.NotInWorkspace.class, () -> w.resolve("cmake"));
        assertEquals(real.resolve("packages/zlib.spk.yaml"), w.resolve(dir.resolve("packages/zlib.spk.yaml").toString()).file());

        // without a workspace file, the folder's recipes are the workspace
        Path plain = Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-plain"));
        Files.writeString(plain.resolve("tool.spk.yaml"), "pkg: tool/1.0.0\n");
        assertEquals(plain.toRealPath().resolve("tool.spk.yaml"), Workspace.discover(plain).resolve("tool").file());
    }
}
