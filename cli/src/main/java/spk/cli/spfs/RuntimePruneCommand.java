package spk.cli.spfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.monitor.ProcessTable;
import spfs.monitor.RuntimeState;
import spfs.runtime.RuntimeAccess;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/** {@code spfs runtime prune}: remove runtime records that nothing uses any more. */
@Command(name = "prune", description = {"Remove stale runtimes: --from-before-boot (made before this boot), or --stale "
        + "(their owner, monitor and processes are gone).", "Durable runtimes are kept; remove those by name."})
public final class RuntimePruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from-before-boot", description = "Prune runtimes made before the host last booted.")
    boolean fromBeforeBoot;

    @Option(names = "--stale", description = "Prune runtimes whose owner, monitor and processes have all exited.")
    boolean stale;

    @Option(names = "--ignore-user", description = "Prune runtimes of other users too.")
    boolean ignoreUser;

    @Option(names = "--ignore-host", description = "Prune runtimes made on other hosts too.")
    boolean ignoreHost;

    @Option(names = "--ignore-monitor", description = "Prune even when the monitor still runs.")
    boolean ignoreMonitor;

    @Override
    public Integer call() {
        if (!fromBeforeBoot && !stale) {
            throw SpfsException.badInput("usage", "choose what to prune: --from-before-boot or --stale");
        }
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        ProcessTable table = ProcessTable.scan();
        Instant boot = bootTime();
        for (RuntimeData rt : storage.list(p -> ctx.err().println("warning: " + p))) {
            boolean beforeBoot = fromBeforeBoot && rt.author().created().toInstant().isBefore(boot);
            boolean isStale = stale && RuntimeState.isStale(rt, table);
            if (!beforeBoot && !isStale) {
                continue;
            }
            if (rt.config().durable()) {
                ctx.err().println("keeping " + rt.name() + ": it is durable (remove it with 'spfs runtime rm')");
                continue;
            }
            String why = refusal(rt, table, ignoreUser, ignoreHost, ignoreMonitor || beforeBoot);
            if (why != null) {
                ctx.err().println("keeping " + rt.name() + ": " + why);
                continue;
            }
            storage.remove(rt.name());
            ctx.out().println("pruned: " + rt.name());
        }
        ctx.out().flush();
        ctx.err().flush();
        return 0;
    }

    /** Why a runtime may not be removed by us, or null. */
    static String refusal(RuntimeData rt, ProcessTable table, boolean ignoreUser, boolean ignoreHost, boolean ignoreMonitor) {
        // no flag lets one user remove another's runtime; only root may (with --ignore-user)
        String notOwner = RuntimeAccess.refusal(rt);
        if (notOwner != null) {
            return notOwner;
        }
        if (!ignoreUser && !rt.author().userName().equals(System.getProperty("user.name"))) {
            return "it belongs to " + rt.author().userName() + " (--ignore-user)";
        }
        boolean sameHost = rt.author().hostName().equals(hostName());
        if (!ignoreHost && !sameHost) {
            return "it was made on " + rt.author().hostName() + " (--ignore-host)";
        }
        if (!ignoreMonitor && sameHost && rt.status().monitor().map(m -> table.isAliveIn(m, rt.config().mountNamespace())).orElse(false)) {
            return "its monitor (process " + rt.status().monitor().get() + ") still runs; it cleans up when the"
                    + " runtime's processes exit (--ignore-monitor)";
        }
        return null;
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Instant bootTime() {
        try {
            double up = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            return Instant.now().minusMillis((long) (up * 1000));
        } catch (IOException | NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
