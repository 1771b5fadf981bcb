package spk.grammar.request;

import spk.grammar.name.OptName;

/**
 * {@code {var: name, suppress: "reason"}} in a recipe: stops a Strong var inherited from the
 * build environment from becoming a runtime requirement. Never stored in built packages.
 */
public record VarSuppression(OptName var, String reason) implements Request {
    @Override
    public String toString() {
        return var + " (suppressed: " + reason + ")";
    }
}
