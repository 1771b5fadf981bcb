package spfs.tracking;

import spfs.graph.EntryKind;

/** An entry of an in-memory directory tree, the workable form of a manifest. */
public sealed interface Node permits FileNode, DirNode, MaskNode {
    /** Full st_mode, type bits included. */
    int mode();

    EntryKind kind();
}
