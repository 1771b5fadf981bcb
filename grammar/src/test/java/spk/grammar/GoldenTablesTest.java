package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.range.VersionRange;
import spk.grammar.request.PinTemplate;
import spk.grammar.version.Version;

/** The golden tables under {@code src/test/resources/golden}: one row, one assertion. */
class GoldenTablesTest {

    @ParameterizedTest(name = "{0} applies to {1}: {2}")
    @CsvFileSource(resources = "/golden/range-applicable.tsv", delimiter = '\t')
    void rangeAppliesToVersion(String range, String version, boolean expected) {
        assertEquals(expected, VersionRange.parse(range).contains(Version.parse(version)),
                () -> range + " vs " + version + ": " + VersionRange.parse(range).isApplicable(Version.parse(version)));
    }

    @ParameterizedTest(name = "{0} satisfied by {1} under {2} ({3}): {4}")
    @CsvFileSource(resources = "/golden/range-satisfied.tsv", delimiter = '\t')
    void rangeSatisfiedByPackage(String range, String version, String compat, String rule, boolean expected) {
        CompatRule required = rule.equals("API") ? CompatRule.API : CompatRule.BINARY;
        var outcome = VersionRange.parse(range).isSatisfiedBy(Version.parse(version), Compat.parse(compat), required);
        assertEquals(expected, outcome.isOk(), () -> outcome.toString());
    }

    @ParameterizedTest(name = "{0} {1}: {2} vs {3} -> {4}")
    @CsvFileSource(resources = "/golden/compat.tsv", delimiter = '\t')
    void compatChecks(String compat, String rule, String base, String candidate, boolean expected) {
        Compat c = Compat.parse(compat);
        var outcome = rule.equals("API") ? c.isApiCompatible(Version.parse(base), Version.parse(candidate))
                : c.isBinaryCompatible(Version.parse(base), Version.parse(candidate));
        assertEquals(expected, outcome.isOk(), outcome::toString);
    }

    @ParameterizedTest(name = "{0} renders {1} as {2}")
    @CsvFileSource(resources = "/golden/render.tsv", delimiter = '\t')
    void compatRender(String compat, String version, String expected) {
        assertEquals(expected, Compat.parse(compat).render(Version.parse(version)));
    }

    @ParameterizedTest(name = "{1} {0} {2}: {3}")
    @CsvFileSource(resources = "/golden/range-relations.tsv", delimiter = '\t')
    void rangeRelations(String relation, String a, String b, boolean expected) {
        VersionRange ra = VersionRange.parse(a);
        VersionRange rb = VersionRange.parse(b);
        var outcome = relation.equals("intersects") ? ra.intersects(rb) : ra.containsRange(rb);
        assertEquals(expected, outcome.isOk(), () -> relation + ": " + outcome);
        if (relation.equals("intersects")) {
            assertEquals(expected, rb.intersects(ra).isOk(), "intersection is symmetric");
        }
    }

    @ParameterizedTest(name = "{0} simplifies to {1}")
    @CsvFileSource(resources = "/golden/simplify.tsv", delimiter = '\t')
    void simplification(String text, String expected) {
        assertEquals(expected, VersionRange.parse(text).toString());
    }

    @ParameterizedTest(name = "{0} {2} {1}")
    @CsvFileSource(resources = "/golden/version-order.tsv", delimiter = '\t')
    void versionOrder(String a, String b, String relation) {
        Version va = Version.parse(a);
        Version vb = Version.parse(b);
        int expected = switch (relation) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertEquals(expected, Integer.signum(va.compareTo(vb)));
        assertEquals(-expected, Integer.signum(vb.compareTo(va)));
        assertEquals(expected == 0, va.equals(vb));
        if (expected == 0) {
            assertEquals(va.hashCode(), vb.hashCode());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/golden/version-forms.tsv", delimiter = '\t')
    void versionForms(String text, String display, String serialised, String storage, String tagPath) {
        Version v = Version.parse(text);
        assertEquals(display, v.toString());
        assertEquals(serialised, v.toSerialized());
        assertEquals(storage, v.toStorageString());
        assertEquals(tagPath, v.toTagPath());
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvFileSource(resources = "/golden/pins.tsv", delimiter = '\t')
    void pins(String template, String version, String expected) {
        assertEquals(expected, PinTemplate.render(template, Version.parse(version)));
    }
}
