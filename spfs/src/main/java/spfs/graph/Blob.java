package spfs.graph;

import java.util.List;
import java.util.Objects;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** A stored file's metadata object: its payload digest and size. Its digest is the payload's. */
public record Blob(Digest payload, long size, ObjectFormat format) implements SpfsObject {
    public Blob {
        Objects.requireNonNull(payload);
        Objects.requireNonNull(format);
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size");
        }
    }

    public Blob(Digest payload, long size) {
        this(payload, size, ObjectFormat.DEFAULT);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.BLOB;
    }

    @Override
    public List<Digest> childObjects() {
        return List.of();
    }

    @Override
    public void digestEncode(BinaryWriter w) {
        w.digest(payload).u64(size);
    }

    /** A blob is named by its payload, so no hashing happens. */
    @Override
    public Digest digest() {
        return payload;
    }
}
