package spk.cli.spfs;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Repository;
import spfs.sync.SyncPolicy;
import spfs.sync.Syncer;

/** {@code spfs push REF... [--to DEST]}. */
@Command(name = "push", description = "Copy refs (and everything they need) to another repository.")
public final class PushCommand extends SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--to", "--remote", "-r"}, paramLabel = "DEST",
            description = "Destination: a remote name, path or address (default origin).")
    String to;

    @Option(names = "--from", paramLabel = "SRC", description = "Source (default: the local repository).")
    String from;

    @Parameters(arity = "1..*", paramLabel = "REF")
    List<String> refs;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository src = ctx.repo(from); Repository dest = ctx.repositories().open(remoteOrOrigin(to))) {
            run(ctx, src, dest, refs, policy(SyncPolicy.LATEST_TAGS), "push");
        }
        return 0;
    }

    static void run(SpfsContext ctx, Repository src, Repository dest, List<String> refs, SyncPolicy policy, String what) {
        try (ProgressReporter bar = ProgressReporter.forTerminal(what);
                Syncer s = new Syncer(src, dest, policy, ctx.ioWorkers("SPFS_SYNC_MAX_CONCURRENT_PAYLOADS"), bar)) {
            for (String ref : refs) {
                s.syncRef(ref);
            }
            bar.finish();
            ctx.out().println(SyncOutput.describe(s.summary()));
        }
        ctx.out().flush();
    }
}
