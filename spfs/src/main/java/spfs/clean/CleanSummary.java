package spfs.clean;

/** What clean removed (or, in a dry run, would remove). */
public record CleanSummary(long tagVersionsPruned, long objectsRemoved, long payloadsRemoved, long bytesFreed,
        long rendersRemoved, long proxiesRemoved, long objectsKeptTooYoung, boolean dryRun) {}
