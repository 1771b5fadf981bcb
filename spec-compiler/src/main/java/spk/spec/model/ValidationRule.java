package spk.spec.model;

import java.util.List;
import java.util.Optional;

/** One build-output validation rule: a verb, what it matches, and optional properties. */
public record ValidationRule(Verb verb, Kind kind, List<String> packages, Optional<String> action) {
    public ValidationRule {
        packages = List.copyOf(packages);
    }

    /** What a rule does when it matches. */
    public enum Verb {
        ALLOW, DENY, REQUIRE;

        public String yamlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The checks a rule can govern. */
    public enum Kind {
        SpdxLicense, EmptyPackage, RecursiveBuild, StrongInheritanceVarDescription, AlterExistingFiles,
        CollectExistingFiles, LongVarDescription, InheritRequirements, CollectAllFiles;

        public static Kind fromYaml(String text) {
            for (Kind k : values()) {
                if (k.name().equals(text)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** The actions an AlterExistingFiles rule may name. */
    public static final List<String> ACTIONS = List.of("Change", "Remove", "Touch");

    /** The rules in force when a recipe names none. */
    public static final List<ValidationRule> DEFAULTS = List.of(
            new ValidationRule(Verb.ALLOW, Kind.SpdxLicense, List.of(), Optional.empty()),
            new ValidationRule(Verb.DENY, Kind.EmptyPackage, List.of(), Optional.empty()),
            new ValidationRule(Verb.DENY, Kind.RecursiveBuild, List.of(), Optional.empty()),
            new ValidationRule(Verb.REQUIRE, Kind.StrongInheritanceVarDescription, List.of(), Optional.empty()),
            new ValidationRule(Verb.DENY, Kind.AlterExistingFiles, List.of(), Optional.empty()),
            new ValidationRule(Verb.DENY, Kind.CollectExistingFiles, List.of(), Optional.empty()),
            new ValidationRule(Verb.DENY, Kind.LongVarDescription, List.of(), Optional.empty()),
            new ValidationRule(Verb.REQUIRE, Kind.InheritRequirements, List.of(), Optional.empty()));
}
