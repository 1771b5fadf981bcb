package spfs.tracking;

import java.util.Objects;
import spfs.encoding.Digest;
import spfs.graph.EntryKind;

/** A regular file or symlink: its payload digest and size. */
public record FileNode(int mode, long size, Digest object) implements Node {
    public FileNode {
        Objects.requireNonNull(object);
    }

    @Override
    public EntryKind kind() {
        return EntryKind.BLOB;
    }

    public boolean isSymlink() {
        return (mode & 0170000) == 0120000;
    }
}
