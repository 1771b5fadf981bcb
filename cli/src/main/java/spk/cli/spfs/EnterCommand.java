package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.mount.Linux;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/**
 * {@code spfs enter RUNTIME [-- CMD]}: start a saved runtime that no process is in, with its
 * recorded command (or CMD). {@code spfs run} uses it to continue inside a user namespace when
 * not root.
 */
@Command(name = "enter", description = "Start a saved runtime that is not running, with its recorded command (or CMD).")
public final class EnterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUNTIME")
    String name;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "Run this instead of the recorded command.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        SpfsContext ctx = SpfsContext.of(spec);
        Linux linux = RuntimeSupport.linuxForLaunch(spec);
        if (linux.euid() != 0) {
            throw SpfsException.environment("no-permission", "spfs enter needs root, or a user namespace in which we are"
                    + " root (spfs run sets that up)", null);
        }
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        RuntimeData rt = storage.read(name);
        boolean ownerAlive = rt.status().owner().map(pid -> pid != linux.pid()
                && java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc", pid.toString()))).orElse(false);
        if (ownerAlive) {
            throw SpfsException.environment("runtime-busy", "runtime " + name + " is already running (process "
                    + rt.status().owner().get() + "); use 'spfs join " + name + "'", null);
        }
        if (!command.isEmpty()) {
            rt = rt.withStatus(rt.status().withCommand(command));
        }
        rt = rt.withStatus(rt.status().withOwner(Optional.empty()));
        ctx.out().flush();
        // a runtime that is not kept is gone once it cannot be entered
        throw RuntimeSupport.runtimes(ctx, linux).enter(rt, !rt.config().durable(), t0);
    }
}
