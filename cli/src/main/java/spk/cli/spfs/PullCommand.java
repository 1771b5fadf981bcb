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

/** {@code spfs pull REF... [--from SRC] [--to DEST]}. */
@Command(name = "pull", description = "Copy refs from a remote (default origin) into the local repository.")
public final class PullCommand extends SyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--from", "--remote", "-r"}, paramLabel = "SRC",
            description = "Source: a remote name, path or address (default origin).")
    String from;

    @Option(names = "--to", paramLabel = "DEST", description = "Destination (default: the local repository).")
    String to;

    @Parameters(arity = "1..*", paramLabel = "REF")
    List<String> refs;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository src = ctx.repositories().open(remoteOrOrigin(from)); Repository dest = ctx.repo(to)) {
            PushCommand.run(ctx, src, dest, refs, policy(SyncPolicy.MISSING_DATA_ONLY), "pull");
        }
        return 0;
    }
}
