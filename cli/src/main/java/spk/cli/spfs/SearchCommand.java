package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Repository;
import spfs.tag.TagSpec;

/** {@code spfs search TERM}: tags containing TERM, in the local repository and every remote. */
@Command(name = "search", description = "Find tags whose name contains TERM (local and all remotes).")
public final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TERM")
    String term;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        TreeSet<String> found = new TreeSet<>();
        List<String> sources = new ArrayList<>();
        sources.add("");
        sources.addAll(ctx.config().remotes().keySet());
        for (String name : sources) {
            try (Repository repo = ctx.repo(name)) {
                try (var s = repo.tagStreams()) {
                    s.map(TagSpec::toString).filter(t -> t.contains(term)).forEach(found::add);
                }
            } catch (spfs.error.SpfsException e) {
                ctx.err().println("warning: remote " + name + ": " + e.getMessage());
            }
        }
        found.forEach(ctx.out()::println);
        ctx.out().flush();
        return 0;
    }
}
