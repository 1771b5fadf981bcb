package spfs.storage;

/**
 * One unit of writing into a repository, as JGit's ObjectInserter: every write of a repository
 * goes through one (its own write methods open one per call), so the repository itself decides
 * what makes writing safe, not each command.
 *
 * <p>A session holds what its repository needs so that a concurrent {@code spfs clean} never
 * removes what the session writes before it is referenced (a file system repository: its lock,
 * shared; clean takes it exclusively). Blobs and payloads may be collected and made durable
 * together; anything that refers to them (a manifest, layer, platform or tag) is written only
 * after they are flushed, so data is always stored before what points at it. A tag is only
 * written if its target is stored.
 *
 * <p>Reads see the session's own writes. {@link #close} ends the session and drops writes not
 * yet flushed. Other repository kinds (remote servers, object stores) implement it with their own
 * means; the contract is the ordering and the visibility, not the lock.
 */
public interface WriteSession extends Repository {
    /** Makes every blob and payload written so far durable and visible. */
    void flush();

    /** Ends the session: writes not flushed are dropped, and what the session held is released. */
    @Override
    void close();
}
