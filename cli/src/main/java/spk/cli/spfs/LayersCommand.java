package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.graph.ObjectKind;
import spfs.storage.Repository;

/** {@code spfs layers}. */
@Command(name = "layers", description = "List all stored layers.")
public final class LayersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = "--short")
    boolean shortDigests;

    @Option(names = "--tags", description = "Show the tags of each.")
    boolean tags;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            ObjectListing.print(ctx, repo, ObjectKind.LAYER, shortDigests, tags);
        }
        return 0;
    }
}
