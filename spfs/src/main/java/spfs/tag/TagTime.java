package spfs.tag;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Tag times as spfs writes them (chrono's to_rfc3339 for UTC): seconds, then 0, 3, 6 or 9
 * fraction digits as needed, then "+00:00". These strings are hashed into tag digests.
 */
public final class TagTime {
    private TagTime() {}

    /** Now, truncated to microseconds as spfs does. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant t) {
        OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(32);
        if (!Rfc3339.appendDateTime(sb, utc)) {
            sb.append(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(utc));
        }
        int nanos = utc.getNano();
        if (nanos != 0) {
            String digits = Rfc3339.pad(new StringBuilder(9), nanos, 9).toString();
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
            Optional<OffsetDateTime> usual = Rfc3339.parse(s);
            return (usual.isPresent() ? usual.get() : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("invalid tag time '" + s + "'");
        }
    }
}
