package spk.cli.spfs;

import picocli.CommandLine.Option;
import spfs.sync.SyncPolicy;

/** The policy flags of push and pull. */
final class SyncFlags {
    @Option(names = {"--sync", "--pull-tags"}, description = "Always update tags, even if the destination has them.")
    boolean sync;

    @Option(names = "--check", description = "Also walk objects the destination has, to fill in missing children.")
    boolean check;

    @Option(names = "--resync", description = "Copy everything again.")
    boolean resync;

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
