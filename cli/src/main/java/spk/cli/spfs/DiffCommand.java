package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;
import spfs.tracking.TreeDiff;

/** {@code spfs diff [FROM] [TO]}: what changed between two refs, or in the current runtime. */
@Command(name = "diff", description = "Compare two refs; FROM defaults to the current runtime's stack, TO to its /spfs.")
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Parameters(index = "0", paramLabel = "FROM", arity = "0..1")
    String from;

    @Parameters(index = "1", paramLabel = "TO", arity = "0..1")
    String to;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        if (from == null || to == null) {
            return runtimeDiff(ctx);
        }
        try (Repository repo = ctx.repo(remote)) {
            DirNode a = Layering.mergedTree(repo, Refs.resolveDigest(repo, from));
            DirNode b = Layering.mergedTree(repo, Refs.resolveDigest(repo, to));
            for (TreeDiff.Change c : TreeDiff.diff(a, b)) {
                ctx.out().println(c);
            }
        }
        ctx.out().flush();
        return 0;
    }

    /** The runtime's stack (or FROM) against /spfs: the stack with the upper directory's changes laid over it. */
    private Integer runtimeDiff(SpfsContext ctx) {
        spfs.runtime.RuntimeStorage storage = RuntimeSupport.storage(ctx);
        spfs.runtime.RuntimeData rt = spfs.runtime.ActiveRuntime.current(storage, ctx.environment());
        spfs.runtime.ActiveRuntime active = RuntimeSupport.active(ctx, storage, spfs.mount.Linux.load());
        DirNode stack = active.lowerTree(rt);
        DirNode a = from == null ? stack : Layering.mergedTree(storage.repository(), Refs.resolveDigest(storage.repository(), from));
        DirNode now = rt.config().mountBackend().hasUpperDir()
                ? Layering.merge(stack, active.upperDir(rt).changes(stack)) : stack;
        for (TreeDiff.Change c : TreeDiff.diff(a, now)) {
            ctx.out().println(c);
        }
        ctx.out().flush();
        return 0;
    }
}
