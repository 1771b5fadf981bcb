package spk.builder.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spk.grammar.name.PkgName;
import spk.spec.model.ValidationRule;
import spk.spec.model.ValidationRule.Kind;
import spk.spec.model.ValidationRule.Verb;
import spk.spec.model.ValidationSpec;

/**
 * The validation rules in force for one build, and which of them decides a case. As SPK
 * documents it: a rule naming packages is more specific than one that names none and wins
 * whatever their order; among rules as specific, the last one wins. Defaults come first, then the
 * recipe's rules, each with SPK's implicit expansions.
 */
public final class RuleSet {
    /**
     * The defaults: SPK's, plus {@code deny: CollectAllFiles} (files no component collects are an
     * error, as SPK's older MustCollectAllFiles default and its error reference describe).
     */
    static final List<ValidationRule> DEFAULTS;

    static {
        List<ValidationRule> d = new ArrayList<>(ValidationRule.DEFAULTS);
        d.add(new ValidationRule(Verb.DENY, Kind.CollectAllFiles, List.of(), Optional.empty()));
        DEFAULTS = List.copyOf(d);
    }

    private final List<ValidationRule> rules;
    private final PkgName self;

    private RuleSet(List<ValidationRule> rules, PkgName self) {
        this.rules = List.copyOf(rules);
        this.self = self;
    }

    /**
     * @param extra rules given for this build on top of the recipe's (last, so they win), e.g.
     *              {@code allow: RecursiveBuild} for {@code --allow-circular-dependencies}
     */
    public static RuleSet of(ValidationSpec recipe, PkgName self, List<ValidationRule> extra) {
        if (!recipe.disabled().isEmpty()) {
            throw new ValidationFailed(List.of("build.validation.disabled " + recipe.disabled()
                    + " uses SPK's obsolete validators; replace them with build.validation.rules (for example "
                    + "'- allow: EmptyPackage' for MustInstallSomething, '- allow: AlterExistingFiles' for "
                    + "MustNotAlterExistingFiles, '- allow: CollectAllFiles' for MustCollectAllFiles)"));
        }
        List<ValidationRule> all = new ArrayList<>(new ValidationSpec(DEFAULTS, List.of()).expandedRules());
        all.addAll(recipe.expandedRules());
        all.addAll(new ValidationSpec(extra, List.of()).expandedRules());
        return new RuleSet(all, self);
    }

    /** The verb that decides this case, or empty when no rule speaks of it (nothing is checked). */
    public Optional<Verb> decide(Kind kind, Optional<String> action, Optional<PkgName> owner) {
        return decidingRule(kind, action, owner).map(ValidationRule::verb);
    }

    Optional<ValidationRule> decidingRule(Kind kind, Optional<String> action, Optional<PkgName> owner) {
        ValidationRule best = null;
        int bestRank = -1;
        for (ValidationRule r : rules) {
            if (r.kind() != kind || (r.action().isPresent() && !r.action().equals(action))) {
                continue;
            }
            int rank;
            if (r.packages().isEmpty()) {
                rank = 0;
            } else if (owner.isPresent() && names(r).contains(owner.get())) {
                rank = 1;
            } else {
                continue;
            }
            if (rank >= bestRank) {
                best = r;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The require rules of a kind that decide their own scope (the cases a build must show). */
    List<ValidationRule> requirements(Kind kind) {
        List<ValidationRule> out = new ArrayList<>();
        for (ValidationRule r : rules) {
            if (r.kind() != kind || r.verb() != Verb.REQUIRE) {
                continue;
            }
            Optional<PkgName> scope = names(r).stream().findFirst();
            if (decidingRule(kind, r.action(), scope).filter(d -> d == r).isPresent()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The packages a rule names, {@code Self} read as the package being built. */
    List<PkgName> names(ValidationRule r) {
        return r.packages().stream().map(p -> p.equals("Self") ? self : PkgName.parse(p)).toList();
    }

    PkgName self() {
        return self;
    }
}
