package spk.grammar;

import spk.error.SpkException;

/**
 * A string in one of SPK's small languages could not be parsed; says which language, the text,
 * the 1-based column and what was expected there.
 */
public final class InvalidSyntaxException extends SpkException {
    private static final long serialVersionUID = 1L;

    private final String language;
    private final String text;
    private final int column;
    private final String problem;

    public InvalidSyntaxException(String language, String text, int column, String problem) {
        super("invalid-syntax", format(language, text, column, problem));
        this.language = language;
        this.text = text;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String language, String text, int column, String problem) {
        String where = column > 0 ? " at column " + column : "";
        return "invalid " + language + " '" + text + "': " + problem + where;
    }

    /** Which language was being parsed, e.g. {@code version range}. */
    public String language() {
        return language;
    }

    /** The whole text that failed to parse. */
    public String text() {
        return text;
    }

    /** 1-based column of the problem within {@link #text()}, or 0 when it concerns the whole text. */
    public int column() {
        return column;
    }

    /** What went wrong, without the location, e.g. {@code expected a number}. */
    public String problem() {
        return problem;
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
