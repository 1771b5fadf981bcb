package spk.spec.variant;

import java.util.List;
import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;

/**
 * One variant of a recipe, read: the option values it sets and the requirements it adds (pkg
 * requests for new or extended pkg options, var requests for unknown names).
 */
public record ResolvedVariant(OptionMap options, List<Request> additionalRequirements) {
    public ResolvedVariant {
        additionalRequirements = List.copyOf(additionalRequirements);
    }
}
