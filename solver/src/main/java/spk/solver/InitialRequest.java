package spk.solver;

import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;

/**
 * A request given to the solve (command line, request file), with who asked and, for package
 * requests, option values attached to it ({@code -o python.abi=cp37m} attaches to the python
 * request), which is what {@code required: true} vars look for.
 */
public record InitialRequest(Request request, String requestedBy, OptionMap options) {
    public static InitialRequest commandLine(Request request) {
        return new InitialRequest(request, "the command line", OptionMap.EMPTY);
    }
}
