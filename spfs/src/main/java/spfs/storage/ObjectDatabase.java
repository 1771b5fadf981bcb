package spfs.storage;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.graph.SpfsObject;

/** Encoded objects by digest. */
public interface ObjectDatabase {
    boolean hasObject(Digest digest);

    /** Reads and decodes; unknown digests raise UnknownObjectException, bad bytes CorruptObjectException. */
    SpfsObject readObject(Digest digest);

    /** Stores {@code object} (if absent) and returns its digest. */
    Digest writeObject(SpfsObject object);

    /** Every stored object digest. The stream must be closed. */
    Stream<Digest> objectDigests();

    /** Stored object digests whose text starts with {@code partial}. */
    List<Digest> findObjects(PartialDigest partial);

    /** Removes an object; false if it was not there. */
    boolean removeObject(Digest digest);

    /** Removes an object only if it was last written before {@code cutoff}; true if removed. */
    boolean removeObjectIfOlderThan(Digest digest, Instant cutoff);
}
