package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import spfs.monitor.ProcessTable;
import spfs.monitor.RuntimeState;
import spfs.runtime.RuntimeData;

/** {@code spfs runtime list}: every runtime in the local repository, with a status word. */
@Command(name = "list", aliases = "ls", description = "List runtimes (of every process on this host) and their status.")
public final class RuntimeListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    RuntimeCommand parent;

    @Option(names = {"-q", "--quiet"}, description = "Print only the names.")
    boolean quiet;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        ProcessTable table = ProcessTable.scan();
        for (RuntimeData rt : RuntimeSupport.storage(ctx).list(p -> ctx.err().println("warning: " + p))) {
            if (quiet) {
                ctx.out().println(rt.name());
                continue;
            }
            ctx.out().printf("%-37s\trunning=%s\tpid=%-7s\teditable=%s\tdurable=%s\tstatus=%s%n", rt.name(),
                    rt.status().running(), rt.status().owner().map(String::valueOf).orElse("unknown"),
                    rt.status().editable(), rt.config().durable(), RuntimeState.of(rt, table));
        }
        ctx.out().flush();
        ctx.err().flush();
        return 0;
    }
}
