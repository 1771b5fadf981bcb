package spk.grammar.request;

import java.util.Optional;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.name.OptName;

/**
 * A request for an option value, {@code name/value} ({@code debug/on}, {@code python.abi/cp37m});
 * the value may be empty. With {@code fromBuildEnv} the value comes from the build environment
 * when the package is built.
 */
public record VarRequest(OptName var, String value, boolean fromBuildEnv, boolean ifPresentInBuildEnv,
        Optional<String> description) implements Request {
    public VarRequest {
        if (fromBuildEnv && !value.isEmpty()) {
            throw new IllegalArgumentException("a var request from the build environment cannot have a value");
        }
    }

    public static VarRequest of(OptName var, String value) {
        return new VarRequest(var, value, false, false, Optional.empty());
    }

    /** Parses {@code name/value}; the name is an option name, the value is any text. */
    public static VarRequest parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidSyntaxException("var request", text, text.length() + 1, "expected '/' and a value");
        }
        return of(OptName.parseWithin("var request", text, 0, text.substring(0, slash)), text.substring(slash + 1));
    }

    /** This request with its value fixed, as when a pin is rendered. */
    public VarRequest withValue(String newValue) {
        return new VarRequest(var, newValue, false, false, description);
    }

    public VarRequest withDescription(Optional<String> d) {
        return new VarRequest(var, value, fromBuildEnv, ifPresentInBuildEnv, d);
    }

    @Override
    public String toString() {
        return fromBuildEnv ? var + "/<fromBuildEnv>" : var + "/" + value;
    }
}
