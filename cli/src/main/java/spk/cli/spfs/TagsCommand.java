package spk.cli.spfs;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** {@code spfs tags}: every tag stream's newest version. */
@Command(name = "tags", description = "List all tags.")
public final class TagsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = "--target", description = "Also show what each tag points at.")
    boolean target;

    @Option(names = "--short", description = "Shorten digests.")
    boolean shortDigests;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            List<TagSpec> specs;
            try (var s = repo.tagStreams()) {
                specs = s.toList();
            }
            for (TagSpec s : specs) {
                if (target) {
                    List<Tag> v = repo.readTagStream(s);
                    if (v.isEmpty()) {
                        continue;
                    }
                    String d = shortDigests ? Refs.shorten(repo, v.get(0).target()) : v.get(0).target().toString();
                    ctx.out().println(d + " " + s);
                } else {
                    ctx.out().println(s);
                }
            }
        }
        ctx.out().flush();
        return 0;
    }
}
