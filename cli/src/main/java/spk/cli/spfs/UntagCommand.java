package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.storage.Repository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** {@code spfs untag TAG~N | TAG --latest | TAG --all}. */
@Command(name = "untag", description = "Remove one version of a tag (TAG~N), its newest (--latest) or all (--all).")
public final class UntagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Parameters(paramLabel = "TAG")
    String tag;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--latest", description = "Remove the newest version.")
        boolean latest;

        @Option(names = "--all", description = "Remove the whole stream.")
        boolean all;
    }

    @Override
    public Integer call() {
        TagSpec s = TagSpec.parse(tag);
        boolean versioned = tag.contains("~");
        if (!versioned && which == null) {
            throw SpfsException.badInput("ambiguous-untag", "say which version of '" + tag + "' to remove: " + tag + "~N, --latest or --all");
        }
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            if (which != null && which.all) {
                repo.removeTagStream(s);
            } else {
                Tag t = repo.resolveTag(which != null && which.latest ? s.withVersion(0) : s);
                repo.removeTag(t);
            }
        }
        return 0;
    }
}
