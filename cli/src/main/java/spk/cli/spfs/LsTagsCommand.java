package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;

/** {@code spfs ls-tags [PATH] [-R]}. */
@Command(name = "ls-tags", aliases = "list-tags", description = "List tags and tag folders under a path.")
public final class LsTagsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = {"-R", "--recursive"}, description = "Walk into folders.")
    boolean recursive;

    @Parameters(arity = "0..1", paramLabel = "PATH", defaultValue = "/")
    String path;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            list(ctx, repo, path.replaceAll("^/+|/+$", ""), "");
        }
        ctx.out().flush();
        return 0;
    }

    private void list(SpfsContext ctx, Repository repo, String dir, String indent) {
        for (TagListing l : repo.lsTags(dir)) {
            ctx.out().println(recursive ? (dir.isEmpty() ? "" : dir + "/") + l.name() : l.name());
            if (recursive && l.folder()) {
                String sub = (dir.isEmpty() ? "" : dir + "/") + l.name().substring(0, l.name().length() - 1);
                list(ctx, repo, sub, indent);
            }
        }
    }
}
