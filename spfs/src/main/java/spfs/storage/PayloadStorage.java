package spfs.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.HashCheckedInputStream;
import spfs.error.CorruptObjectException;

/** Raw file contents by the SHA-256 of their bytes. */
public interface PayloadStorage {
    boolean hasPayload(Digest digest);

    /** Opens a payload for reading; unknown digests raise UnknownObjectException. */
    InputStream openPayload(Digest digest);

    /**
     * Hands each of {@code digests} to {@code reader}, in order, open until {@code read} returns
     * (as {@link #openPayload} opens it; an unknown one raises UnknownObjectException when its
     * turn comes). A remote store sends many in one answer instead of one round trip each; the
     * default opens them one by one.
     *
     * @throws IOException the reader threw it, or reading a payload's bytes failed
     */
    default void readPayloads(List<Digest> digests, PayloadReader reader) throws IOException {
        for (Digest d : digests) {
            try (InputStream in = openPayload(d)) {
                reader.read(d, in);
            }
        }
    }

    /** What {@link #readPayloads} hands each payload to. */
    @FunctionalInterface
    interface PayloadReader {
        /** Reads {@code content}, the bytes of {@code digest}; it is closed after this returns. */
        void read(Digest digest, InputStream content) throws IOException;
    }

    /**
     * Streams {@code data} into the store, hashing as it goes. {@code mode} is the st_mode of
     * the file it came from (permission bits are kept, readable by all), or -1.
     */
    PayloadWrite writePayload(InputStream data, int mode);

    /**
     * Stores a payload that must hash to {@code expected} (a copy from another repository): bytes
     * that do not are refused with CorruptObjectException before the store makes them visible
     * (its writes read to the end of the stream before anything is renamed into place).
     */
    default PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        boolean checked = data instanceof HashCheckedInputStream h && h.expected().equals(expected);
        try {
            return writePayload(checked ? data : new HashCheckedInputStream(data, expected), mode);
        } catch (RuntimeException e) {
            throw asCorrupt(e, expected);
        }
    }

    /** A write that failed because the bytes did not hash to {@code expected}, as CorruptObjectException; else {@code e}. */
    static RuntimeException asCorrupt(RuntimeException e, Digest expected) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HashCheckedInputStream.MismatchException m) {
                return new CorruptObjectException("payload " + expected, "its content hashes to " + m.actual(), e);
            }
        }
        return e;
    }

    /** Every stored payload digest. The stream must be closed. */
    Stream<Digest> payloadDigests();

    boolean removePayload(Digest digest);

    /** Removes a payload only if it was written before {@code cutoff}. */
    boolean removePayloadIfOlderThan(Digest digest, Instant cutoff);

    /** The payload's size in bytes. */
    long payloadSize(Digest digest);

    /**
     * A payload opened for reading, with its size: a server sends the size before the bytes. A
     * store that learns the size as it opens the payload overrides this and looks it up once,
     * not twice.
     */
    default SizedPayload openSizedPayload(Digest digest) {
        long size = payloadSize(digest);
        return new SizedPayload(openPayload(digest), size);
    }

    /** An open payload (close it) and its size in bytes. */
    record SizedPayload(InputStream content, long size) {}

    /** The outcome of a payload write: its digest, size and whether it was new. */
    record PayloadWrite(Digest digest, long size, boolean created) {}
}
