package spfs.sync;

/** How much a sync re-examines; spfs's four policies. */
public enum SyncPolicy {
    /** Skip tags, objects and payloads the destination already has (pull's default). */
    MISSING_DATA_ONLY,
    /** Always copy the tag version, skip present data (push's default; pull --sync). */
    LATEST_TAGS,
    /** Also walk objects already present, to find missing children (--check). */
    LATEST_TAGS_AND_RESYNC_OBJECTS,
    /** Copy everything again (--resync). */
    RESYNC_EVERYTHING;

    boolean updatesTags() {
        return this != MISSING_DATA_ONLY;
    }

    boolean rewalksObjects() {
        return this == LATEST_TAGS_AND_RESYNC_OBJECTS || this == RESYNC_EVERYTHING;
    }

    boolean recopiesPayloads() {
        return this == RESYNC_EVERYTHING;
    }
}
