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
        return new BuildValidation(RuleSet.of(new ValidationSpec(List.of(rules), List.of()), ME.name(), List.of()));
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
        assertEquals(List.of("spk::build::validation::empty_package: the build installed nothing in /spfs (allow it with "
                + "'- allow: EmptyPackage')"), problems(validation(), Map.of(), Map.of()));
        assertEquals(List.of(), problems(validation(new ValidationRule(Verb.ALLOW, Kind.EmptyPackage, List.of(),
                Optional.empty())), Map.of(), Map.of()));
        BuildValidation requireEmpty = validation(new ValidationRule(Verb.REQUIRE, Kind.EmptyPackage, List.of(),
                Optional.empty()));
        assertEquals(1, problems(requireEmpty, Map.of("bin/me", "x"), run(Map.of("bin/me", "x"))).size());
        assertDoesNotThrow(() -> requireEmpty.checkOutput(BuildChanges.of(DirNode.emptyRoot(), ENV, ME, Set.of()), ENV,
                Map.of(), false));
    }
}
