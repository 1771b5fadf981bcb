package spfs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** A runtime's creation time is written as its pattern writes it and read back whole. */
class RuntimeCodecTimeProperties {
    @Test
    void theCreationTimeIsWrittenAsThePatternWritesItAndReadBack() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");
        long min = OffsetDateTime.parse("0000-01-02T00:00:00Z").toEpochSecond();
        long max = OffsetDateTime.parse("9999-12-30T00:00:00Z").toEpochSecond();
        // offsets in seconds, most of them whole minutes (as time zones have them), some not
        qt().forAll(longs().between(min, max), integers().between(0, 999_999_999), integers().between(-18 * 3600, 18 * 3600),
                integers().between(0, 3)).checkAssert((s, n, offsetSeconds, wholeMinutes) -> {
                    int offset = wholeMinutes > 0 ? offsetSeconds / 60 * 60 : offsetSeconds;
                    OffsetDateTime t = Instant.ofEpochSecond(s, n).atOffset(ZoneOffset.ofTotalSeconds(offset));
                    String text = RuntimeCodec.created(t);
                    assertEquals(pattern.format(t), text);
                    assertEquals(OffsetDateTime.parse(text), RuntimeCodec.created(text), text);
                });
    }
}
