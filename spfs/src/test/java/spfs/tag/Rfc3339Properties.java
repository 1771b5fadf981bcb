package spfs.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-written reading and writing of date-times gives java.time's answers, or leaves the text to it. */
class Rfc3339Properties {
    /** Instants from year 0 to 9999 with any nanoseconds, at any whole-minute offset java.time allows. */
    private static final long MIN = OffsetDateTime.parse("0000-01-02T00:00:00Z").toEpochSecond();
    private static final long MAX = OffsetDateTime.parse("9999-12-30T00:00:00Z").toEpochSecond();

    @Test
    void readsWhatJavaTimeReadsAsJavaTimeReadsIt() {
        qt().forAll(longs().between(MIN, MAX), integers().between(0, 999_999_999), integers().between(-18 * 60, 18 * 60),
                integers().between(0, 9)).checkAssert((seconds, nanos, offsetMinutes, digits) -> {
                    OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
                    String pattern = "uuuu-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "xxx";
                    String text = DateTimeFormatter.ofPattern(pattern).format(t);
                    assertEquals(Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)), Rfc3339.parse(text),
                            text);
                    String zulu = text.endsWith("+00:00") ? text.substring(0, text.length() - 6) + "Z" : text;
                    assertEquals(Optional.of(OffsetDateTime.parse(zulu, DateTimeFormatter.ISO_OFFSET_DATE_TIME)), Rfc3339.parse(zulu),
                            zulu);
                });
    }

    @Test
    void writesWhatJavaTimeWrites() {
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        qt().forAll(longs().between(MIN, MAX), integers().between(0, 999_999_999)).checkAssert((s, n) -> {
            OffsetDateTime t = Instant.ofEpochSecond(s, n).atOffset(ZoneOffset.UTC);
            StringBuilder b = new StringBuilder();
            assertEquals(true, Rfc3339.appendDateTime(b, t));
            assertEquals(seconds.format(t), b.toString());
            assertEquals(Instant.ofEpochSecond(s, n / 1000 * 1000), TagTime.parse(TagTime.format(Instant.ofEpochSecond(s, n / 1000 * 1000))));
        });
    }

    @Test
    void outOfRangeFieldsAreRejectedAsJavaTimeRejectsThem() {
        for (String bad : List.of("2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:60Z", "2024-01-01T00:00:00+19:00", "2024-01-01T00:00:00+01:60")) {
            assertThrows(DateTimeException.class, () -> OffsetDateTime.parse(bad, DateTimeFormatter.ISO_OFFSET_DATE_TIME), bad);
            assertThrows(DateTimeException.class, () -> Rfc3339.parse(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> TagTime.parse(bad), bad);
        }
    }

    @Test
    void otherShapesAreLeftToJavaTime() {
        // lower-case separators, offsets with seconds, no seconds, ten fraction digits, a sign on the year
        for (String other : List.of("2024-01-02t03:04:05Z", "2024-01-02T03:04:05+01:00:30", "2024-01-02T03:04Z",
                "2024-01-02T03:04:05.1234567891Z", "+12024-01-02T03:04:05Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05")) {
            assertEquals(Optional.empty(), Rfc3339.parse(other), other);
        }
        assertEquals(Instant.parse("2024-01-02T02:03:35Z"), TagTime.parse("2024-01-02T03:04:05+01:00:30"));
        assertThrows(IllegalArgumentException.class, () -> TagTime.parse("2024-01-02T03:04:05"));
    }
}
