package spk.cli.spfs;

import spfs.sync.SyncSummary;

/** The summary line push and pull print. */
final class SyncOutput {
    private SyncOutput() {}

    static String describe(SyncSummary s) {
        return String.format("synced %d tags (%d skipped), %d objects (%d skipped), %d payloads (%d skipped), %s",
                s.tagsSynced(), s.tagsSkipped(), s.objectsSynced(), s.objectsSkipped(), s.payloadsSynced(),
                s.payloadsSkipped(), bytes(s.bytesSynced()));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
