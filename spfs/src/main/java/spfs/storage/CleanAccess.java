package spfs.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;

/**
 * What {@code spfs clean} needs of a repository beyond reading and removing: to run with no write
 * session beside it, every tag namespace, the size and age of stored data, and the repository's
 * own leftovers (a folder's temp files and renders; an object store's unfinished uploads).
 */
public interface CleanAccess {
    /**
     * Held while clean decides what is unreachable and removes it: write sessions that started
     * before it have ended, and none starts until it is closed.
     */
    Exclusion exclusive();

    /** The repository seen through no tag namespace (first), then through each one holding tags. */
    List<Repository> namespaceViews();

    /** A stored object's size and last write, if it is there. */
    Optional<Stored> object(Digest digest);

    /** A stored payload's size and last write, if it is there. */
    Optional<Stored> payload(Digest digest);

    /**
     * Removes (or, in a dry run, only counts) what is not data and was left before {@code cutoff}:
     * temp files and unfinished uploads of killed writers, renders and proxies of data outside
     * {@code attached}.
     */
    Leftovers removeLeftovers(Set<Digest> attached, Instant cutoff, boolean dryRun);

    /** A stored item's size in bytes and the time it was last written. */
    record Stored(long size, Instant modified) {}

    /** What {@link #removeLeftovers} found: temp files (or uploads), renders, proxies, and their bytes. */
    record Leftovers(long tempFiles, long renders, long proxies, long bytes) {}

    /** The exclusion clean holds; closing it lets write sessions run again. */
    interface Exclusion extends AutoCloseable {
        @Override
        void close();
    }
}
