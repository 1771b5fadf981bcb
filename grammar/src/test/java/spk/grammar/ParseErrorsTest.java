package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import spk.grammar.build.Build;
import spk.grammar.compat.Compat;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.range.VersionRange;
import spk.grammar.request.VarRequest;
import spk.grammar.version.Version;

/** Every malformed input gets a typed error naming the text, the column and what was expected. */
class ParseErrorsTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvFileSource(resources = "/golden/parse-errors.tsv", delimiter = '\t', quoteCharacter = '"')
    void malformedInputIsReported(String what, String text, String message) {
        Executable parse = switch (what) {
            case "version" -> () -> Version.parse(text);
            case "compat" -> () -> Compat.parse(text);
            case "range" -> () -> VersionRange.parse(text);
            case "build" -> () -> Build.parse(text);
            case "buildident" -> () -> BuildIdent.parse(text);
            case "ident" -> () -> AnyIdent.parse(text);
            case "request" -> () -> RangeIdent.parse(text);
            case "optname" -> () -> OptName.parse(text);
            case "varrequest" -> () -> VarRequest.parse(text);
            case "pkgname" -> () -> PkgName.parse(text);
            default -> throw new IllegalArgumentException(what);
        };
        if (what.equals("range")) {
            assertEquals(java.util.Optional.empty(), spk.grammar.range.VersionFilter.tryParse(text));
        }
        InvalidSyntaxException e = assertThrows(InvalidSyntaxException.class, parse);
        assertEquals(message, e.getMessage());
        assertEquals("invalid-syntax", e.code());
    }

    @org.junit.jupiter.api.Test
    void optionValuesThatAreNotRangesAreRefusedQuietly() {
        for (String word : new String[] {"on", "off", "cp39", "linux", "x86_64", "API", "a:"}) {
            assertEquals(java.util.Optional.empty(), spk.grammar.range.VersionFilter.tryParse(word), word);
        }
        assertEquals(java.util.Optional.of(spk.grammar.range.VersionFilter.parse("API:1.2")),
                spk.grammar.range.VersionFilter.tryParse("API:1.2"));
    }
}
