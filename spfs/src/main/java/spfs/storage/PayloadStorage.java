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

    /**
     * Stores {@code data} only if it hashes to {@code expected} (what its sender named it). When it
     * does not, nothing of it is kept and the result carries the digest it really has, with
     * {@code created} false. Stores that can hash before storing (s3://) override this so that the
     * wrong content is never visible at all; the default writes, compares and removes.
     */
    default PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        PayloadWrite w = writePayload(data, mode);
        if (!w.digest().equals(expected) && w.created()) {
            removePayload(w.digest());
            return new PayloadWrite(w.digest(), w.size(), false);
        }
        return w;
    }

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
