package spfs.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;
import spfs.encoding.Digest;

/** Raw file contents by the SHA-256 of their bytes. */
public interface PayloadStorage {
    boolean hasPayload(Digest digest);

    /** Opens a payload for reading; unknown digests raise UnknownObjectException. */
    InputStream openPayload(Digest digest);

    /**
     * Streams {@code data} into the store, hashing as it goes. {@code mode} is the st_mode of
     * the file it came from (permission bits are kept, readable by all), or -1.
     */
    PayloadWrite writePayload(InputStream data, int mode);

    /** Every stored payload digest. The stream must be closed. */
    Stream<Digest> payloadDigests();

    boolean removePayload(Digest digest);

    /** Removes a payload only if it was written before {@code cutoff}. */
    boolean removePayloadIfOlderThan(Digest digest, Instant cutoff);

    /** The payload's size in bytes. */
    long payloadSize(Digest digest);

    /** The outcome of a payload write: its digest, size and whether it was new. */
    record PayloadWrite(Digest digest, long size, boolean created) {}
}
