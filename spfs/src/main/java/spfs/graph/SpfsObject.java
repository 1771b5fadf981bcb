package spfs.graph;

import java.util.List;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** A node of the object graph as stored in a repository. */
public sealed interface SpfsObject permits Platform, Layer, Manifest, Blob {
    ObjectKind kind();

    /** The strategy and encoding this object is stored with. */
    ObjectFormat format();

    /** The objects this one refers to (payloads are not objects). */
    List<Digest> childObjects();

    /** Writes the bytes the digest is computed over (independent of the encoding format). */
    void digestEncode(BinaryWriter w);

    /** The object's content address. */
    default Digest digest() {
        BinaryWriter w = BinaryWriter.toHasher();
        if (format().strategy() == DigestStrategy.WITH_KIND_AND_SALT) {
            w.raw(DigestSalt.SALT).u8(kind().number());
        }
        digestEncode(w);
        return w.digest();
    }
}
