package spfs.runtime;

import java.time.OffsetDateTime;
import java.util.Objects;

/** Who made a runtime, where, and when (local time, as spfs records it). */
public record Author(String userName, String hostName, OffsetDateTime created) {
    public Author {
        Objects.requireNonNull(userName);
        Objects.requireNonNull(hostName);
        Objects.requireNonNull(created);
    }
}
