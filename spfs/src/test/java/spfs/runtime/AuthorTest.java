package spfs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AuthorTest {
    @Test
    void nowIsThisInstantAtTheDefaultZonesOffset() {
        Instant before = Instant.now();
        var now = Author.now();
        Instant after = Instant.now();
        assertTrue(!now.toInstant().isBefore(before) && !now.toInstant().isAfter(after), now + " not in [" + before + ", " + after + "]");
        assertEquals(ZoneId.systemDefault().getRules().getOffset(now.toInstant()), now.getOffset());
        assertTrue(Duration.between(before, after).toSeconds() < 60);
    }
}
