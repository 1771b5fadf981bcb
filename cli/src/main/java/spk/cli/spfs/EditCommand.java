package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.mount.Linux;
import spfs.runtime.ActiveRuntime;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/** {@code spfs edit [--off] [--keep-runtime]}: make the current runtime's /spfs writable (or not). */
@Command(name = "edit", description = "Make /spfs of the current runtime writable (--off: read-only again).")
public final class EditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--off", description = "Make /spfs read-only again (changes are kept, not committed).")
    boolean off;

    @Option(names = {"-k", "--keep-runtime"}, description = "Also keep the runtime and its changes after it exits.")
    boolean keep;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        RuntimeData rt = ActiveRuntime.current(storage, ctx.environment());
        Linux linux = Linux.load();
        ActiveRuntime active = RuntimeSupport.active(ctx, storage, linux);
        if (keep) {
            rt = active.makeDurable(rt);
        }
        if (rt.status().editable() != !off) {
            rt = active.setEditable(rt, !off);
        }
        if (ctx.verbosity() > 0) {
            ctx.err().println("runtime " + rt.name() + (rt.status().editable() ? " is editable" : " is read-only"));
        }
        return 0;
    }
}
