package spk.cli.spfs;

import picocli.CommandLine.Option;
import spfs.sync.SyncPolicy;

/**
 * What push and pull share: the policy flags, as plain fields of the command itself (not a
 * mixin, which would keep the command out of the build's command index and cost every pull
 * picocli's reflective model, ~70 ms), and the remote, named by each command's own option.
 */
abstract class SyncCommand {
    @Option(names = {"--sync", "--pull-tags"}, description = "Always update tags, even if the destination has them.")
    boolean sync;

    @Option(names = "--check", description = "Also walk objects the destination has, to fill in missing children.")
    boolean check;

    @Option(names = "--resync", description = "Copy everything again.")
    boolean resync;

    /** The remote {@code option} names, or {@code origin} when it names none. */
    static String remoteOrOrigin(String option) {
        return option == null ? "origin" : option;
    }

    SyncPolicy policy(SyncPolicy atLeast) {
        if (resync) {
            return SyncPolicy.RESYNC_EVERYTHING;
        }
        if (check) {
            return SyncPolicy.LATEST_TAGS_AND_RESYNC_OBJECTS;
        }
        if (sync || atLeast == SyncPolicy.LATEST_TAGS) {
            return SyncPolicy.LATEST_TAGS;
        }
        return atLeast;
    }
}
