package spfs.clean;

/** What clean removed (or, in a dry run, would remove); {@code bytesFreed} counts temp files too. */
public record CleanSummary(long tagVersionsPruned, long objectsRemoved, long payloadsRemoved, long tempFilesRemoved,
        long bytesFreed, long rendersRemoved, long proxiesRemoved, long objectsKeptTooYoung, boolean dryRun) {}
