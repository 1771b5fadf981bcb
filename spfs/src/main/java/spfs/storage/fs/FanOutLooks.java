package spfs.storage.fs;

import java.util.concurrent.ConcurrentHashMap;
import spfs.encoding.Digest;

/**
 * What one write session has seen of a store's fan-out directories: each is looked at once, and
 * a digest whose directory was missing then needs no look of its own (a pull into an empty or
 * new repository asked the file system about every object and payload, ~16,000 access(2) calls
 * for 8,000 files, where ~2,000 directory looks answer the same). A directory made meanwhile by
 * another writer only makes the session copy what that writer stored; the rename at flush keeps
 * theirs. The session's own writes that bypass its batch are marked with {@link #written}.
 */
final class FanOutLooks {
    private final HashStore store;
    private final ConcurrentHashMap<String, Boolean> present = new ConcurrentHashMap<>();

    FanOutLooks(HashStore store) {
        this.store = store;
    }

    /** True when {@code d} cannot be in the store: its fan-out directory was missing at the first look. */
    boolean rulesOut(Digest d) {
        return !present.computeIfAbsent(HashStore.fanOut(d), store::hasFanOut);
    }

    /** The session has just stored {@code d}: its directory exists now. */
    void written(Digest d) {
        present.put(HashStore.fanOut(d), Boolean.TRUE);
    }
}
