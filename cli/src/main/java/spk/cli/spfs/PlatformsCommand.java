package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.graph.ObjectKind;
import spfs.storage.Repository;

/** {@code spfs platforms}. */
@Command(name = "platforms", description = "List all stored platforms.")
public final class PlatformsCommand implements Callable<Integer> {
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
            ObjectListing.print(ctx, repo, ObjectKind.PLATFORM, shortDigests, tags);
        }
        return 0;
    }
}
