package spk.builder.validation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import spfs.tracking.DirNode;
import spk.builder.BuildChanges;
import spk.builder.BuildChangesTest;
import spk.builder.EnvironmentFiles;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.spec.model.ValidationRule;
import spk.spec.model.ValidationRule.Kind;
import spk.spec.model.ValidationRule.Verb;
import spk.spec.model.ValidationSpec;

class BuildValidationTest {
    static final BuildIdent BASE = BuildIdent.parse("base/1.0.0/3I42H3S6");
    static final BuildIdent ME = BuildIdent.parse("me/1.0.0/3I42H3S6");
    static final EnvironmentFiles ENV = EnvironmentFiles.ofTrees(List.of(Map.entry(BASE,
            BuildChangesTest.tree(Map.of("etc/base.conf", "a", "bin/base", "b")))));

    static BuildValidation validation(ValidationRule... rules) {
        return new BuildValidation(RuleSet.of(new ValidationSpec(List.of(rules), List.of()), ME.name(), List.of()), ME);
    }

    static List<String> problems(BuildValidation v, Map<String, String> written, Map<Component, DirNode> components) {
        BuildChanges c = BuildChanges.of(BuildChangesTest.tree(written), ENV, ME, Set.of());
        try {
            v.checkOutput(c, ENV, components, false);
            return List.of();
        } catch (ValidationFailed e) {
            return e.problems();
        }
    }

    static Map<Component, DirNode> run(Map<String, String> files) {
        return Map.of(Component.RUN, BuildChangesTest.tree(files));
    }

    @Test
    void aFileNoComponentCollectsIsAnErrorUnlessAllowed() {
        Map<String, String> written = Map.of("bin/me", "x", "share/me/notes", "y");
        List<String> p = problems(validation(), written, run(Map.of("bin/me", "x")));
        assertEquals(List.of("spk::build::validation::collect_all_files: /spfs/share/me/notes was installed but no "
                + "component collects it (name it in a component's files, or '- allow: CollectAllFiles')"), p);
        assertEquals(List.of(), problems(validation(new ValidationRule(Verb.ALLOW, Kind.CollectAllFiles, List.of(),
                Optional.empty())), written, run(Map.of("bin/me", "x"))));
    }

    @Test
    void changingOrCollectingAnotherPackagesFileIsAnErrorNamingItsOwner() {
        Map<String, String> written = Map.of("etc/base.conf", "changed");
        List<String> p = problems(validation(), written, run(written));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("spk::build::validation::alter_existing_files: the build must not alter files of "
                + "other packages: changed /spfs/etc/base.conf, which is owned by base/1.0.0/3I42H3S6"), p.get(0));
        assertTrue(p.get(1).startsWith("spk::build::validation::collect_existing_files:"), p.get(1));
        assertEquals(List.of(), problems(validation(new ValidationRule(Verb.ALLOW, Kind.AlterExistingFiles, List.of("base"),
                Optional.empty()), new ValidationRule(Verb.ALLOW, Kind.CollectExistingFiles, List.of(), Optional.empty())),
                written, run(written)));
    }

    @Test
    void aBuildThatInstallsNothingIsDeniedUnlessAllowed() {
        assertEquals(List.of("spk::build::validation::empty_package: the build of me/1.0.0/3I42H3S6 installed no files "
                + "under /spfs (its script must install into $PREFIX, which is /spfs; an empty package is allowed with "
                + "'- allow: EmptyPackage')"), problems(validation(), Map.of(), Map.of()));
        assertEquals(List.of(), problems(validation(new ValidationRule(Verb.ALLOW, Kind.EmptyPackage, List.of(),
                Optional.empty())), Map.of(), Map.of()));
        BuildValidation requireEmpty = validation(new ValidationRule(Verb.REQUIRE, Kind.EmptyPackage, List.of(),
                Optional.empty()));
        assertEquals(1, problems(requireEmpty, Map.of("bin/me", "x"), run(Map.of("bin/me", "x"))).size());
        assertDoesNotThrow(() -> requireEmpty.checkOutput(BuildChanges.of(DirNode.emptyRoot(), ENV, ME, Set.of()), ENV,
                Map.of(), false));
    }

    static spk.spec.model.PackageSpec spec(String yaml) {
        return (spk.spec.model.PackageSpec) new spk.spec.SpecLoader("0.0.0", Map.of()).loadText("test", yaml,
                spk.grammar.option.OptionMap.EMPTY).spec();
    }

    static List<String> setupProblems(BuildValidation v, spk.spec.model.PackageSpec built,
            List<spk.spec.model.PackageSpec> env) {
        try {
            v.checkSetup(built, built.options(), Set.of(), env);
            return List.of();
        } catch (ValidationFailed e) {
            return e.problems();
        }
    }

    @Test
    void whatABuildEnvironmentPassesOnMustBeInThePackage() {
        var python = spec("""
                pkg: python/3.7.3/3I42H3S6
                build:
                  options:
                    - {var: abi, static: cp37m, inheritance: Strong, description: the python ABI}
                """);
        var inherited = spec("""
                pkg: me/1.0.0/3I42H3S6
                build:
                  options: [{var: python.abi, static: cp37m}]
                install:
                  requirements: [{var: python.abi/cp37m}]
                """);
        var missing = spec("pkg: me/1.0.0/3I42H3S6\n");
        assertEquals(List.of(), setupProblems(validation(), inherited, List.of(python)));
        List<String> p = setupProblems(validation(), missing, List.of(python));
        assertEquals(List.of("spk::build::validation::inherited_requirement: the package must include a build "
                + "requirement for python.abi/cp37m because it is built against python/3.7.3/3I42H3S6",
                "spk::build::validation::inherited_requirement: the package must include a runtime requirement for "
                        + "python.abi/cp37m because it is built against python/3.7.3/3I42H3S6"), p);
        assertEquals(List.of(), setupProblems(validation(new ValidationRule(Verb.ALLOW, Kind.InheritRequirements,
                List.of("python"), Optional.empty())), missing, List.of(python)));
    }

    @Test
    void optionDescriptionsAndTheOwnBuildEnvironmentAreCheckedBeforeTheScript() {
        var strong = spec("""
                pkg: me/1.0.0/3I42H3S6
                build:
                  options:
                    - {var: abi, static: x, inheritance: Strong}
                    - {var: mode, static: y, description: '%s'}
                """.formatted("d".repeat(257)));
        List<String> p = setupProblems(validation(), strong, List.of(spec("pkg: me/0.9.0/3I42H3S6\n")));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("spk::build::validation::recursive_build: me is in its own build environment"),
                p.get(0));
        assertTrue(p.get(1).contains("strong_inheritance_var_description: build option abi"), p.get(1));
        assertTrue(p.get(2).contains("long_var_description: build option mode: the description is 257 characters"),
                p.get(2));
    }
}
