package spk.builder.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spk.grammar.name.PkgName;
import spk.spec.model.ValidationRule;
import spk.spec.model.ValidationRule.Kind;
import spk.spec.model.ValidationRule.Verb;
import spk.spec.model.ValidationSpec;

class RuleSetTest {
    static final PkgName ME = PkgName.parse("me");
    static final PkgName GCC = PkgName.parse("gcc");
    static final PkgName PY = PkgName.parse("python");

    static ValidationRule rule(Verb v, Kind k, String... packages) {
        return new ValidationRule(v, k, List.of(packages), Optional.empty());
    }

    static RuleSet rules(ValidationRule... rules) {
        return RuleSet.of(new ValidationSpec(List.of(rules), List.of()), ME, List.of());
    }

    static Optional<Verb> alter(RuleSet r, String action, PkgName owner) {
        return r.decide(Kind.AlterExistingFiles, Optional.of(action), Optional.of(owner));
    }

    @Test
    void theDefaultsDenyAlteringCollectingAndRecursiveBuildsAndAllowLicenses() {
        RuleSet r = rules();
        assertEquals(Optional.of(Verb.DENY), alter(r, "Change", GCC));
        assertEquals(Optional.of(Verb.DENY), alter(r, "Remove", GCC));
        assertEquals(Optional.empty(), alter(r, "Touch", GCC), "touching is not governed unless a rule says so");
        assertEquals(Optional.of(Verb.DENY), r.decide(Kind.CollectExistingFiles, Optional.empty(), Optional.of(GCC)));
        assertEquals(Optional.of(Verb.DENY), r.decide(Kind.RecursiveBuild, Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(Verb.DENY), r.decide(Kind.EmptyPackage, Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(Verb.DENY), r.decide(Kind.CollectAllFiles, Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(Verb.ALLOW), r.decide(Kind.SpdxLicense, Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(Verb.REQUIRE), r.decide(Kind.InheritRequirements, Optional.empty(), Optional.of(PY)));
    }

    @Test
    void aRuleNamingPackagesWinsOverAGeneralOneWhateverTheOrder() {
        for (RuleSet r : List.of(
                rules(rule(Verb.ALLOW, Kind.AlterExistingFiles), rule(Verb.DENY, Kind.AlterExistingFiles, "python", "gcc")),
                rules(rule(Verb.DENY, Kind.AlterExistingFiles, "python", "gcc"), rule(Verb.ALLOW, Kind.AlterExistingFiles)))) {
            assertEquals(Optional.of(Verb.DENY), alter(r, "Change", GCC));
            assertEquals(Optional.of(Verb.DENY), alter(r, "Remove", PY));
            assertEquals(Optional.of(Verb.ALLOW), alter(r, "Change", PkgName.parse("zlib")));
        }
    }

    @Test
    void amongRulesAsSpecificTheLastWins() {
        RuleSet r = rules(rule(Verb.ALLOW, Kind.EmptyPackage), rule(Verb.DENY, Kind.EmptyPackage),
                rule(Verb.ALLOW, Kind.EmptyPackage));
        assertEquals(Optional.of(Verb.ALLOW), r.decide(Kind.EmptyPackage, Optional.empty(), Optional.empty()));
    }

    @Test
    void allowingARecursiveBuildAllowsChangingAndCollectingTheOlderSelfOnly() {
        RuleSet r = rules(rule(Verb.ALLOW, Kind.RecursiveBuild));
        assertEquals(Optional.of(Verb.ALLOW), r.decide(Kind.RecursiveBuild, Optional.empty(), Optional.empty()));
        for (String action : List.of("Change", "Remove", "Touch")) {
            assertEquals(Optional.of(Verb.ALLOW), alter(r, action, ME), action);
        }
        assertEquals(Optional.of(Verb.ALLOW), r.decide(Kind.CollectExistingFiles, Optional.empty(), Optional.of(ME)));
        assertEquals(Optional.of(Verb.DENY), alter(r, "Change", GCC), "other packages stay protected");
        // and a later rule can take part of it back, as SPK documents
        RuleSet back = rules(rule(Verb.ALLOW, Kind.RecursiveBuild), rule(Verb.DENY, Kind.CollectExistingFiles, "Self"));
        assertEquals(Optional.of(Verb.DENY), back.decide(Kind.CollectExistingFiles, Optional.empty(), Optional.of(ME)));
    }

    @Test
    void extraRulesOfTheCommandLineComeLast() {
        RuleSet r = RuleSet.of(new ValidationSpec(List.of(rule(Verb.DENY, Kind.RecursiveBuild)), List.of()), ME,
                List.of(rule(Verb.ALLOW, Kind.RecursiveBuild)));
        assertEquals(Optional.of(Verb.ALLOW), r.decide(Kind.RecursiveBuild, Optional.empty(), Optional.empty()));
    }

    @Test
    void requireRulesThatDecideTheirScopeAreTheOnesToMeet() {
        RuleSet r = rules(rule(Verb.REQUIRE, Kind.CollectExistingFiles, "gcc"), rule(Verb.REQUIRE, Kind.CollectAllFiles),
                rule(Verb.DENY, Kind.CollectAllFiles));
        assertEquals(1, r.requirements(Kind.CollectExistingFiles).size());
        assertTrue(r.requirements(Kind.CollectAllFiles).isEmpty(), "overruled by the later deny");
    }

    @Test
    void theObsoleteDisabledListIsRefusedWithWhatToWriteInstead() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> RuleSet.of(new ValidationSpec(List.of(),
                List.of("MustInstallSomething")), ME, List.of()));
        assertTrue(e.getMessage().contains("build.validation.rules") && e.getMessage().contains("allow: EmptyPackage"),
                e.getMessage());
    }

    @Test
    void spdxIdentifiersAreKnownExactly() {
        assertTrue(SpdxLicenses.isValid("Apache-2.0"));
        assertTrue(SpdxLicenses.isValid("GPL-2.0"), "deprecated identifiers are still identifiers");
        assertEquals(false, SpdxLicenses.isValid("Apache 2"));
        assertEquals(false, SpdxLicenses.isValid("apache-2.0"));
    }
}
