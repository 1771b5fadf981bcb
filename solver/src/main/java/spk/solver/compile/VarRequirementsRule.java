package spk.solver.compile;

import java.util.Map;
import spk.constraint.ConstraintModel;

/**
 * SPK's VarRequirementsValidator: a build's var requirement ({@code python.abi/cp311}) cannot
 * hold beside another value of the same option set by any request in force. A requirement
 * without namespace clashes with every option of the same base name; a namespaced one with that
 * exact name. Encoded against the "some request sets NAME=VALUE" variables of {@link OptionRules}.
 */
final class VarRequirementsRule {
    private VarRequirementsRule() {}

    /** While {@code active} holds, no other value than {@code value} among {@code valueVars} may be set. */
    static void encode(ConstraintModel model, int active, String value, Map<String, Integer> valueVars) {
        valueVars.forEach((other, v) -> {
            if (!other.equals(value)) {
                model.addClause(-active, -v);
            }
        });
    }
}
