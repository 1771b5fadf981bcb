package spk.spec.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code build.validation}: rules given by the recipe on top of the defaults, or (legacy) names
 * of default rules to disable.
 */
public record ValidationSpec(List<ValidationRule> rules, List<String> disabled) {
    public static final ValidationSpec DEFAULT = new ValidationSpec(List.of(), List.of());

    /** The legacy names {@code disabled} accepts. */
    public static final List<String> LEGACY_NAMES = List.of("MustInstallSomething", "MustNotAlterExistingFiles",
            "MustCollectAllFiles");

    public ValidationSpec {
        rules = List.copyOf(rules);
        disabled = List.copyOf(disabled);
    }

    public boolean isDefault() {
        return rules.isEmpty() && disabled.isEmpty();
    }

    /**
     * The recipe's rules with SPK's implicit expansions: RecursiveBuild also governs
     * AlterExistingFiles (each action) and CollectExistingFiles of the package itself, and an
     * AlterExistingFiles rule without an action covers Change and Remove.
     */
    public List<ValidationRule> expandedRules() {
        List<ValidationRule> out = new ArrayList<>();
        for (ValidationRule r : rules) {
            if (r.kind() == ValidationRule.Kind.RecursiveBuild) {
                out.add(r);
                for (String action : ValidationRule.ACTIONS) {
                    out.add(new ValidationRule(r.verb(), ValidationRule.Kind.AlterExistingFiles, List.of("Self"),
                            Optional.of(action)));
                }
                out.add(new ValidationRule(r.verb(), ValidationRule.Kind.CollectExistingFiles, List.of("Self"),
                        Optional.empty()));
            } else if (r.kind() == ValidationRule.Kind.AlterExistingFiles && r.action().isEmpty()) {
                out.add(new ValidationRule(r.verb(), r.kind(), r.packages(), Optional.of("Change")));
                out.add(new ValidationRule(r.verb(), r.kind(), r.packages(), Optional.of("Remove")));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
