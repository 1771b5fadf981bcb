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

/** {@code spfs diff FROM TO}: what changed between two refs. */
@Command(name = "diff", description = "Compare two refs (without a runtime both are required).")
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Parameters(index = "0", paramLabel = "FROM")
    String from;

    @Parameters(index = "1", paramLabel = "TO")
    String to;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
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
}
