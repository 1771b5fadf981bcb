package spfs.clean;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What clean may remove. {@code minAgeCutoff}: unreachable data written after it is kept (the
 * CLI uses now − 15 minutes). The prune rules drop old tag versions first; keep rules win.
 */
public record CleanOptions(
        Instant minAgeCutoff,
        boolean dryRun,
        Optional<Instant> pruneIfOlderThan,
        Optional<Instant> keepIfNewerThan,
        OptionalInt pruneIfMoreThan,
        OptionalInt keepIfLessThan,
        OptionalInt pruneRepeatedKeep) {

    /** No pruning, only unreachable data older than {@code cutoff}. */
    public static CleanOptions olderThan(Instant cutoff, boolean dryRun) {
        return new CleanOptions(cutoff, dryRun, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty());
    }

    boolean prunes() {
        return pruneIfOlderThan.isPresent() || pruneIfMoreThan.isPresent() || pruneRepeatedKeep.isPresent();
    }
}
