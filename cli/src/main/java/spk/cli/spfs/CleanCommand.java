package spk.cli.spfs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.clean.CleanOptions;
import spfs.clean.CleanSummary;
import spfs.clean.Cleaner;
import spfs.error.SpfsException;
import spfs.storage.Repository;

/** {@code spfs clean}: remove what no tag reaches. */
@Command(name = "clean", description = "Remove objects, payloads and renders that no version of any tag reaches.")
public final class CleanCommand implements Callable<Integer> {
    private static final Pattern AGE = Pattern.compile("(\\d+)([ywdhms])");

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"}, paramLabel = "REMOTE",
            description = "Clean this repository (a remote name or address: a folder or s3://) instead of the local one.")
    String remote;

    @Option(names = "--dry-run", description = "Only report what would be removed.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Do not ask (clean never asks here: it is for scripts).")
    boolean yes;

    @Option(names = "--min-age", paramLabel = "AGE", defaultValue = "15m",
            description = "Keep unreachable data younger than AGE (default 15m; e.g. 0s, 2h, 1d).")
    String minAge;

    @Option(names = "--prune-if-older-than", paramLabel = "AGE")
    String pruneIfOlderThan;

    @Option(names = "--keep-if-newer-than", paramLabel = "AGE")
    String keepIfNewerThan;

    @Option(names = "--prune-if-more-than", paramLabel = "N")
    Integer pruneIfMoreThan;

    @Option(names = "--keep-if-less-than", paramLabel = "N")
    Integer keepIfLessThan;

    @Option(names = "--prune-repeated", description = "Drop older versions that repeat a newer version's target.")
    boolean pruneRepeated;

    @Option(names = "--prune-repeated-keep", paramLabel = "N")
    Integer pruneRepeatedKeep;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        CleanOptions o = new CleanOptions(now.minus(age(minAge)), dryRun,
                Optional.ofNullable(pruneIfOlderThan).map(a -> now.minus(age(a))),
                Optional.ofNullable(keepIfNewerThan).map(a -> now.minus(age(a))),
                pruneIfMoreThan == null ? OptionalInt.empty() : OptionalInt.of(pruneIfMoreThan),
                keepIfLessThan == null ? OptionalInt.empty() : OptionalInt.of(keepIfLessThan),
                pruneRepeatedKeep != null ? OptionalInt.of(pruneRepeatedKeep) : pruneRepeated ? OptionalInt.of(1) : OptionalInt.empty());
        SpfsContext ctx = SpfsContext.of(spec);
        CleanSummary s;
        if (remote == null || remote.isEmpty()) {
            s = new Cleaner(ctx.local().withNamespace(Optional.empty()), o).clean();
        } else {
            try (Repository repo = ctx.repositories().open(remote)) {
                s = new Cleaner(repo, o).clean();
            }
        }
        String verb = s.dryRun() ? "would remove" : "removed";
        ctx.out().printf("%s %d objects, %d payloads, %d renders, %d proxies, %d tag versions, %d temp files; %s %s%n",
                verb, s.objectsRemoved(), s.payloadsRemoved(), s.rendersRemoved(), s.proxiesRemoved(), s.tagVersionsPruned(),
                s.tempFilesRemoved(),
                s.dryRun() ? "would free" : "freed", SyncOutput.bytes(s.bytesFreed()));
        if (s.objectsKeptTooYoung() > 0) {
            ctx.out().println("kept " + s.objectsKeptTooYoung() + " unreachable objects younger than " + minAge);
        }
        ctx.out().flush();
        return 0;
    }

    /** {@code <n>{y,w,d,h,m,s}}, y = 52 weeks as in spfs. */
    static Duration age(String text) {
        Matcher m = AGE.matcher(text);
        if (!m.matches()) {
            throw SpfsException.badInput("invalid-age", "invalid age '" + text + "' (expected e.g. 15m, 2h, 10d, 8w, 1y)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "y" -> Duration.ofDays(52 * 7 * n);
            case "w" -> Duration.ofDays(7 * n);
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
