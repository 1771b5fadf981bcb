package spk.grammar.parse;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import spk.grammar.InvalidSyntaxException;
import spk.grammar.antlr.SpkLexer;
import spk.grammar.antlr.SpkParser;
import spk.grammar.build.Build;
import spk.grammar.compat.Compat;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.PkgName;
import spk.grammar.name.RepositoryName;
import spk.grammar.range.VersionRange;
import spk.grammar.version.Version;

/**
 * Entry point to the ANTLR grammar: parses each of SPK's small languages and turns the parse
 * tree into values. Parsing first runs in ANTLR's fast SLL mode and bails out on the first
 * problem; only then is the text parsed again in full LL mode to report a precise error.
 */
public final class SpkSyntax {
    private SpkSyntax() {}

    public static Version version(String text) {
        if (text.isEmpty()) {
            return Version.ZERO;
        }
        Version fast = NumericVersions.tryParse(text);
        if (fast != null) {
            return fast;
        }
        return run("version", text, 0, SpkParser::versionEntry, (c, r) -> r.version(c.version()));
    }

    public static Compat compat(String text) {
        return run("compat", text, 0, SpkParser::compatEntry, (c, r) -> r.compat(c.compat()));
    }

    /** The rules of a non-empty version range, as written (not simplified). */
    public static List<VersionRange> rangeRules(String text) {
        return run("version range", text, 0, SpkParser::rangeEntry,
                (c, r) -> c.versionRange() == null ? List.of() : r.rangeRules(c.versionRange()));
    }

    public static Build build(String text) {
        return run("build", text, 0, SpkParser::buildEntry, (c, r) -> r.build(c.build()));
    }

    public static AnyIdent anyIdent(String text) {
        return run("ident", text, 0, SpkParser::anyIdentEntry, (c, r) -> r.anyIdent(c));
    }

    public static BuildIdent buildIdent(String text) {
        return run("build ident", text, 0, SpkParser::buildIdentEntry, (c, r) -> r.buildIdent(c));
    }

    public static PkgName pkgName(String text) {
        return run("package name", text, 0, SpkParser::pkgNameEntry, (c, r) -> r.pkgName(c.pkgName()));
    }

    /** Parses a request ident, deciding first whether it starts with a repository name. */
    public static RangeIdent rangeIdent(String text, Set<String> knownRepositories) {
        int slash = text.indexOf('/');
        if (slash > 0) {
            String prefix = text.substring(0, slash);
            String rest = text.substring(slash + 1);
            if (PkgName.isValid(prefix) && isRepositoryPrefix(prefix, rest, knownRepositories)) {
                RangeIdent ident = run("request", text, slash + 1, SpkParser::rangeIdentEntry,
                        (c, r) -> r.rangeIdent(c.rangeIdent()));
                return ident.withRepository(java.util.Optional.of(new RepositoryName(prefix)));
            }
        }
        try {
            return run("request", text, 0, SpkParser::rangeIdentEntry, (c, r) -> r.rangeIdent(c.rangeIdent()));
        } catch (InvalidSyntaxException e) {
            // "origin/Python/3.7": the text after the slash is a bad name rather than a bad version
            if (slash > 0 && slash + 1 < text.length() && Character.isLetter(text.charAt(slash + 1))
                    && PkgName.isValid(text.substring(0, slash))) {
                run("request", text, slash + 1, SpkParser::rangeIdentEntry, (c, r) -> r.rangeIdent(c.rangeIdent()));
            }
            throw e;
        }
    }

    /**
     * SPK's rule: a known repository followed by a bare name, or any valid name followed by
     * something that starts with a package name and cannot be read as a version range (with an
     * optional build).
     */
    private static boolean isRepositoryPrefix(String prefix, String rest, Set<String> known) {
        int nameEnd = 0;
        while (nameEnd < rest.length() && isPkgChar(rest.charAt(nameEnd))) {
            nameEnd++;
        }
        if (known.contains(prefix) && nameEnd == rest.length() && nameEnd > 0) {
            return true;
        }
        if (nameEnd < 2 || rest.charAt(0) == '-') {
            return false;
        }
        return !parses(rest, SpkParser::rangeTailEntry);
    }

    private static boolean isPkgChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static <C extends ParserRuleContext> boolean parses(String text, Function<SpkParser, C> entry) {
        SpkParser parser = parser(text);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            entry.apply(parser);
            return true;
        } catch (ParseCancellationException e) {
            return false;
        }
    }

    private static SpkParser parser(String text) {
        SpkLexer lexer = new SpkLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        SpkParser parser = new SpkParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        return parser;
    }

    private static <C extends ParserRuleContext, T> T run(String language, String whole, int offset,
            Function<SpkParser, C> entry, BiFunction<C, TreeReader, T> convert) {
        String text = whole.substring(offset);
        SpkParser parser = parser(text);
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        C tree;
        try {
            tree = entry.apply(parser);
        } catch (ParseCancellationException e) {
            parser = parser(text);
            parser.addErrorListener(new ThrowingErrorListener(language, whole, offset));
            tree = entry.apply(parser);
        }
        try {
            return convert.apply(tree, new TreeReader(language, whole, offset));
        } catch (InvalidSyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidSyntaxException(language, whole, 0, e.getMessage());
        }
    }
}
