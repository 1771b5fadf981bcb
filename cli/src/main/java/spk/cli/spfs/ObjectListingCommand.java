package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.graph.ObjectKind;
import spfs.storage.Repository;

/** What {@code spfs layers} and {@code spfs platforms} share: they list the stored objects of one kind. */
abstract class ObjectListingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = "--short")
    boolean shortDigests;

    @Option(names = "--tags", description = "Show the tags of each.")
    boolean tags;

    /** The kind of object listed. */
    abstract ObjectKind kind();

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            ObjectListing.print(ctx, repo, kind(), shortDigests, tags);
        }
        return 0;
    }
}
