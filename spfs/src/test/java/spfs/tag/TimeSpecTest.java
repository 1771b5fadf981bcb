package spfs.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

/** The time forms of --when and NAME~10m / NAME@date, and which version of a tag was current then. */
class TimeSpecTest {
    static final Instant NOW = Instant.parse("2024-10-11T15:30:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static Instant at(String text) {
        return TimeSpec.parse(text, NOW, PARIS).instant();
    }

    @Test
    void relativeTimesCountBackFromNow() {
        assertEquals(NOW.minus(Duration.ofMinutes(10)), at("~10m"));
        assertEquals(NOW.minus(Duration.ofDays(35)), at("~5weeks"));
        assertEquals(NOW.minus(Duration.ofDays(365)), at("~1y"));
        assertEquals(NOW.minus(Duration.ofHours(2)), at("~2hours"));
        assertEquals(NOW.minusSeconds(7), at("~7s"));
    }

    @Test
    void absoluteTimesAreDatesTimesOrBoth() {
        assertEquals(Instant.parse("2024-10-10T22:00:00Z"), at("@2024-10-11"), "midnight, local time");
        assertEquals(Instant.parse("2024-10-11T11:00:12Z"), at("@2024-10-11T13:00:12+02:00"));
        assertEquals(Instant.parse("2024-10-11T12:45:00Z"), at("@14:45"), "today, local time");
        assertEquals(Instant.parse("2024-10-11T07:00:00Z"), at("@9am"));
        assertEquals(Instant.parse("2024-10-11T19:30:00Z"), at("@9:30pm"));
        assertEquals(Instant.parse("2024-10-10T22:00:00Z"), at("@12am"));
    }

    @Test
    void badTimesSayWhatIsExpected() {
        for (String bad : List.of("10m", "~", "~10parsecs", "~m", "@yesterday", "@2024-13-01", "@13pm", "@25:00",
                "~99999999999999999999s")) {
            SpfsException e = assertThrows(SpfsException.class, () -> at(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid time '" + bad + "': "), e.getMessage());
        }
    }

    @Test
    void theVersionCurrentAtATimeIsTheNewestNotAfterIt() {
        Digest a = Digest.parse("C".repeat(51) + "Q====");
        Digest b = Digest.parse("B".repeat(51) + "Q====");
        Tag old = new Tag(Optional.empty(), "t", a, Digest.NULL, "u", NOW.minus(Duration.ofDays(3)));
        Tag recent = new Tag(Optional.empty(), "t", b, old.digest(), "u", NOW.minus(Duration.ofDays(1)));
        List<Tag> newestFirst = List.of(recent, old);
        assertEquals(Optional.of(old), TimeSpec.parse("~2d", NOW, ZoneOffset.UTC).current(newestFirst));
        assertEquals(Optional.of(recent), TimeSpec.parse("~1d", NOW, ZoneOffset.UTC).current(newestFirst), "at the same instant");
        assertEquals(Optional.empty(), TimeSpec.parse("~4d", NOW, ZoneOffset.UTC).current(newestFirst), "not there yet");
    }
}
