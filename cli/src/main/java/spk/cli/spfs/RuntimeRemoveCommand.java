package spk.cli.spfs;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.monitor.ProcessTable;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/** {@code spfs runtime remove NAME...}: delete runtime records (refusing those still in use). */
@Command(name = "remove", aliases = "rm", description = "Remove runtimes: their records and kept changes.")
public final class RuntimeRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = "--force", description = "Remove even a runtime whose monitor still runs (implies the --ignore flags).")
    boolean force;

    @Option(names = "--ignore-user", description = "Remove runtimes of other users too (root only: no one else may remove another user's runtime).")
    boolean ignoreUser;

    @Option(names = "--ignore-host", description = "Remove runtimes made on other hosts too.")
    boolean ignoreHost;

    @Option(names = "--ignore-monitor", description = "Remove runtimes whose monitor still runs.")
    boolean ignoreMonitor;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        ProcessTable table = ProcessTable.scan();
        int refused = 0;
        for (String name : names) {
            RuntimeData rt = storage.read(name);
            String why = RuntimePruneCommand.refusal(rt, table, force || ignoreUser, force || ignoreHost,
                    force || ignoreMonitor);
            if (why != null) {
                ctx.err().println("error: not removing " + name + ": " + why);
                refused++;
                continue;
            }
            storage.remove(name);
            ctx.out().println("removed: " + name);
        }
        ctx.out().flush();
        ctx.err().flush();
        if (refused > 0) {
            throw SpfsException.badInput("runtime-in-use", refused + " runtime(s) not removed");
        }
        return 0;
    }
}
