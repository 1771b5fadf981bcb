package spfs.tag;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Tag times as spfs writes them (chrono's to_rfc3339 for UTC): seconds, then 0, 3, 6 or 9
 * fraction digits as needed, then "+00:00". These strings are hashed into tag digests.
 */
public final class TagTime {
    private TagTime() {}

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** Now, truncated to microseconds as spfs does. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant t) {
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(SECONDS.format(utc));
        int nanos = utc.getNano();
        if (nanos != 0) {
            String digits = String.format("%09d", nanos);
            if (nanos % 1_000_000 == 0) {
                sb.append('.').append(digits, 0, 3);
            } else if (nanos % 1_000 == 0) {
                sb.append('.').append(digits, 0, 6);
            } else {
                sb.append('.').append(digits);
            }
        }
        return sb.append("+00:00").toString();
    }

    public static Instant parse(String s) {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid tag time '" + s + "'");
        }
    }
}
