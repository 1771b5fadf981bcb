package spk.cli.spfs;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tag.TagSpec;

/** {@code spfs tag TARGET TAG...}. */
@Command(name = "tag", description = "Point one or more tags at a ref.")
public final class TagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"}, description = "Tag in this repository instead of the local one.")
    String remote;

    @Parameters(index = "0", paramLabel = "TARGET_REF")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG")
    List<String> tags;

    @Override
    public Integer call() {
        List<TagSpec> specs = tags.stream().map(TagSpec::parseName).toList();
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            Digest d = Refs.resolveDigest(repo, target);
            if (!repo.hasObject(d)) {
                throw new spfs.error.UnknownObjectException("object", d);
            }
            for (TagSpec t : specs) {
                repo.pushTag(t, d, ctx.config().tagAuthor());
            }
        }
        return 0;
    }
}
