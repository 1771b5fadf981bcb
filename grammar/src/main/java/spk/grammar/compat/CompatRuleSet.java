package spk.grammar.compat;

import java.util.EnumSet;
import java.util.Set;

/** The letters at one position of a compat string, e.g. {@code ab}. Never empty. */
public record CompatRuleSet(Set<CompatRule> rules) {
    public CompatRuleSet {
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a compat rule set needs at least one letter");
        }
        rules = Set.copyOf(EnumSet.copyOf(rules));
    }

    public static CompatRuleSet of(CompatRule first, CompatRule... rest) {
        return new CompatRuleSet(EnumSet.of(first, rest));
    }

    public boolean contains(CompatRule rule) {
        return rules.contains(rule);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (CompatRule r : CompatRule.values()) {
            if (rules.contains(r)) {
                sb.append(r.letter());
            }
        }
        return sb.toString();
    }
}
