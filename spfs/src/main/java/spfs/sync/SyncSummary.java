package spfs.sync;

/** What a sync did. */
public record SyncSummary(long tagsSynced, long tagsSkipped, long objectsSynced, long objectsSkipped,
        long payloadsSynced, long payloadsSkipped, long bytesSynced) {}
