package spk.cli.spfs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.fuse.FuseServer;
import spfs.monitor.Monitor;
import spfs.mount.Linux;
import spfs.runtime.RuntimeConfig;
import spfs.runtime.RuntimeStorage;

/** {@code spfs monitor --runtime NAME}: started by spfs run inside a new runtime; not for users. */
@Command(name = "monitor", hidden = true, description = "Watch a runtime and tear it down when its processes are gone.")
public final class MonitorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runtime", required = true)
    String name;

    @Option(names = "--fuse-mount", paramLabel = "PATH", description = "Serve the runtime's stack with FUSE here.")
    Path fuseMount;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        long millis = 250;
        String v = ctx.environment().get("SPFS_MONITOR_INTERVAL_MS");
        if (v != null) {
            try {
                millis = Math.max(10, Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw SpfsException.badInput("invalid-env", "SPFS_MONITOR_INTERVAL_MS must be a number");
            }
        }
        PrintStream log = log();
        Linux linux = Linux.load();
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        FuseServer fuse = new FuseServer(List.of(storage.repository()), linux, linux.euid(), linux.egid());
        try {
            return new Monitor(storage, name, linux, Duration.ofMillis(millis), fuse, log).run(Optional.ofNullable(fuseMount));
        } catch (RuntimeException e) {
            log.println("spfs monitor: " + e.getMessage());
            throw e;
        }
    }

    /** The runtime's private directory holds the log (as spfs's monitor.log); stderr if it cannot. */
    private static PrintStream log() {
        try {
            return new PrintStream(new FileOutputStream(RuntimeConfig.RUNTIME_DIR.resolve("monitor.log").toFile(), true),
                    true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return System.err;
        }
    }
}
