package spfs.tag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

class TagTest {
    @Test
    void specsSplitAtTheLastSlash() {
        TagSpec s = TagSpec.parse("spi/stable/my_tag~4");
        assertEquals(Optional.of("spi/stable"), s.org());
        assertEquals("my_tag", s.name());
        assertEquals(4, s.version());
        assertEquals("spi/stable/my_tag~4", s.toString());
        assertEquals("main", TagSpec.parse("main~0").toString());
    }

    @Test
    void specsThatCouldEscapeTheTagsDirectoryAreRejected() {
        for (String bad : List.of("", "..", ".", "../x", "a/../b", "/abs", "a//b", "a/", "x~", "x~-1", "x~a",
                "a#ns/b", "a:b", "a b", "a/..", "../../etc/passwd")) {
            assertThrows(SpfsException.class, () -> TagSpec.parse(bad), bad);
        }
    }

    @Test
    void timesAreFormattedLikeChrono() {
        assertEquals("2024-01-02T03:04:05+00:00", TagTime.format(Instant.parse("2024-01-02T03:04:05Z")));
        assertEquals("2024-01-02T03:04:05.120+00:00", TagTime.format(Instant.parse("2024-01-02T03:04:05.12Z")));
        assertEquals("2024-01-02T03:04:05.123456+00:00", TagTime.format(Instant.parse("2024-01-02T03:04:05.123456Z")));
        assertEquals(Instant.parse("2024-01-02T03:04:05.123456Z"), TagTime.parse("2024-01-02T03:04:05.123456+00:00"));
    }

    @Test
    void streamsRoundTripNewestFirst() {
        Tag a = new Tag(Optional.empty(), "t", Digest.ofUtf8("a"), Digest.NULL, "me@host", Instant.parse("2024-01-01T00:00:00Z"));
        Tag b = new Tag(Optional.empty(), "t", Digest.ofUtf8("b"), a.digest(), "me@host", Instant.parse("2024-01-02T00:00:00.5Z"));
        byte[] bytes = TagStreamFormat.encode(List.of(b, a));
        assertEquals(List.of(b, a), TagStreamFormat.decode(bytes));
        // oldest first on disk, each record prefixed with its big-endian length
        assertEquals(a.encode().length, bytes[7]);
    }
}
