package spfs.runtime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.TimeZone;

/** Who made a runtime, where, and when (local time, as spfs records it). */
public record Author(String userName, String hostName, OffsetDateTime created) {
    public Author {
        Objects.requireNonNull(userName);
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(created);
    }

    /**
     * Now, at this host's offset from UTC. {@code OffsetDateTime.now()} would first look for
     * time-zone rule providers on the class path (every jar opened, ~10-20 ms of each runtime's
     * start); the offset of the default time zone at this instant is the same figure.
     */
    public static OffsetDateTime now() {
        Instant now = Instant.now();
        int offsetMillis = TimeZone.getDefault().getOffset(now.toEpochMilli());
        return OffsetDateTime.ofInstant(now, ZoneOffset.ofTotalSeconds(offsetMillis / 1000));
    }
}
