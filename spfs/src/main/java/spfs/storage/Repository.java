package spfs.storage;

/**
 * A place spfs data lives: objects, payloads and tags together. Implemented by FsRepository and
 * TarRepository (not sealed: that needs one package, or a named module, in Java 17).
 */
public interface Repository extends ObjectDatabase, PayloadStorage, TagDatabase, AutoCloseable {
    /** How to reach this repository again (a file: or tar: address). */
    String address();

    /**
     * Starts a {@link WriteSession}: writes that belong together (a commit, a sync, a build) go
     * through one, flushed and closed by the caller. The repository's own write methods each use
     * a session of their own.
     */
    WriteSession beginWrite();

    /**
     * What this repository's files show beyond its objects (files of the wrong kind, unsafe
     * permissions), for {@code spfs check}. Repositories without files of their own find nothing.
     */
    default java.util.List<StorageFinding> audit() {
        return java.util.List.of();
    }

    /**
     * This repository seen through another tag namespace ({@code ns} empty: none). Kinds without
     * namespaces refuse any other than their own.
     */
    default Repository withTagNamespace(java.util.Optional<String> ns) {
        if (ns.equals(tagNamespace())) {
            return this;
        }
        throw spfs.error.SpfsException.badInput("no-tag-namespaces", address() + " has no tag namespaces");
    }

    /** What {@code spfs clean} needs to clean this repository; empty for kinds it cannot clean (tar). */
    default java.util.Optional<CleanAccess> cleanAccess() {
        return java.util.Optional.empty();
    }

    /** Releases resources; a tar repository writes its archive back if it changed. */
    @Override
    void close();
}
