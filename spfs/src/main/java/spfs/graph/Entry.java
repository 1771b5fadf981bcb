package spfs.graph;

import java.util.Objects;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/**
 * One named entry of a tree. {@code mode} is the full st_mode (type bits included). For a blob
 * {@code object} is the payload digest and {@code size} its length; for a tree it is the child
 * tree's digest and {@code size} a legacy value kept verbatim because it is hashed.
 */
public record Entry(String name, EntryKind kind, int mode, long size, Digest object) {
    public Entry {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(object);
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an entry name cannot contain NUL");
        }
    }

    /** Writes the legacy encoding, which is also what tree digests are computed over. */
    public void legacyEncode(BinaryWriter w) {
        w.digest(object).string(kind.legacyName()).u64(Integer.toUnsignedLong(mode)).u64(size).string(name);
    }

    /** SHA-256 of the legacy encoding (only used to check compatibility vectors). */
    public Digest digest() {
        BinaryWriter w = BinaryWriter.toHasher();
        legacyEncode(w);
        return w.digest();
    }

    public boolean isTree() {
        return kind == EntryKind.TREE;
    }

    public boolean isBlob() {
        return kind == EntryKind.BLOB;
    }

    public boolean isMask() {
        return kind == EntryKind.MASK;
    }

    /** Whether the mode's type bits say symbolic link. */
    public boolean isSymlink() {
        return (mode & 0170000) == 0120000;
    }
}
