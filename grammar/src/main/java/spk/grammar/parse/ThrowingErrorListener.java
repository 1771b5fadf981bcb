package spk.grammar.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.antlr.SpkParser;

/** Turns the first syntax error ANTLR reports into an {@link InvalidSyntaxException}. */
final class ThrowingErrorListener extends BaseErrorListener {
    private final String language;
    private final String whole;
    private final int offset;

    ThrowingErrorListener(String language, String whole, int offset) {
        this.language = language;
        this.whole = whole;
        this.offset = offset;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        Token token = offendingSymbol instanceof Token t ? t : null;
        IntervalSet expected = null;
        if (e != null && e.getOffendingToken() != null) {
            token = e.getOffendingToken();
            expected = e.getExpectedTokens();
        }
        if (expected == null && recognizer instanceof Parser p) {
            expected = p.getExpectedTokens();
        }
        int column = offset + (token == null ? charPositionInLine : token.getCharPositionInLine()) + 1;
        String problem = "expected " + describe(expected);
        if (token != null && (token.getType() == SpkParser.OTHER || token.getType() == SpkParser.UNDERSCORE)) {
            problem = "unexpected " + quote(token.getText()) + ", " + problem;
        }
        if (token != null && token.getType() == SpkParser.DASH
                && whole.substring(0, Math.max(0, column - 1)).contains("+")) {
            problem = "pre-release tags ('-') must come before post-release tags ('+')";
        }
        throw new InvalidSyntaxException(language, whole, column, problem);
    }

    private static String quote(String s) {
        return s.equals(" ") ? "space" : "'" + s + "'";
    }

    /** Names what the grammar expected in words: "a number", "'.' or end of input", ... */
    static String describe(IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "nothing more";
        }
        Set<Integer> types = new LinkedHashSet<>(expected.toList());
        if (types.contains(SpkParser.CARET) && types.contains(SpkParser.TILDE)) {
            return "a version range (a version, '*', or an operator such as >=, <, ~, ^, ==, !=)";
        }
        List<String> names = new ArrayList<>();
        for (int type : types) {
            String name = switch (type) {
                case Token.EOF -> "end of input";
                case SpkParser.NUM -> "a number";
                case SpkParser.ALPHA -> "a letter";
                default -> {
                    String literal = SpkParser.VOCABULARY.getLiteralName(type);
                    yield literal != null ? literal : SpkParser.VOCABULARY.getDisplayName(type);
                }
            };
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        // "end of input" reads best last
        if (names.remove("end of input")) {
            names.add("end of input");
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
