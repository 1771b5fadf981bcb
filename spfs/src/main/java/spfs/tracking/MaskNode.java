package spfs.tracking;

import spfs.encoding.Digest;
import spfs.graph.EntryKind;

/** A path deleted relative to lower layers. Size and object are kept verbatim for hashing. */
public record MaskNode(int mode, long size, Digest object) implements Node {
    /** A fresh mask as spfs builds one. */
    public static MaskNode of() {
        return new MaskNode(0777, 0, Digest.NULL);
    }

    @Override
    public EntryKind kind() {
        return EntryKind.MASK;
    }
}
