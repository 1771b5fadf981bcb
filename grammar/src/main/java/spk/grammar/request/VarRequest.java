package spk.grammar.request;

import spk.grammar.InvalidSyntaxException;
import spk.grammar.name.OptName;

/**
 * A request for an option value, {@code name/value} ({@code debug/on}, {@code python.abi/cp37m});
 * the value may be empty. With {@code fromBuildEnv} the value comes from the build environment.
 */
public record VarRequest(OptName var, String value, boolean fromBuildEnv, boolean ifPresentInBuildEnv)
        implements Request {
    public VarRequest {
        if (fromBuildEnv && !value.isEmpty()) {
            throw new IllegalArgumentException("a var request from the build environment cannot have a value");
        }
    }

    public static VarRequest of(OptName var, String value) {
        return new VarRequest(var, value, false, false);
    }

    /** Parses {@code name/value}; the name is an option name, the value is any text. */
    public static VarRequest parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new InvalidSyntaxException("var request", text, text.length() + 1, "expected '/' and a value");
        }
        return of(parseName(text, slash), text.substring(slash + 1));
    }

    private static OptName parseName(String text, int end) {
        try {
            return OptName.parse(text.substring(0, end));
        } catch (InvalidSyntaxException e) {
            throw new InvalidSyntaxException("var request", text, e.column(), e.problem());
        }
    }

    @Override
    public String toString() {
        return var + "/" + value;
    }
}
