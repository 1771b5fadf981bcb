package spfs.sync;

/** Told about progress, e.g. to draw a progress bar; calls come from many threads. */
public interface SyncReporter {
    /** More payload bytes are known to be needed. */
    default void payloadsPlanned(long count, long bytes) {}

    /** One payload was copied or found present. */
    default void payloadDone(long bytes) {}

    /** A reporter that ignores everything. */
    SyncReporter NONE = new SyncReporter() {};
}
