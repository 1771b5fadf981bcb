package spk.cli.spfs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.UnknownReferenceException;
import spfs.storage.Repository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** {@code spfs log TAG}: a tag stream's history, newest first. */
@Command(name = "log", description = "Show the history of a tag.")
public final class LogCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Parameters(paramLabel = "TAG")
    String tag;

    @Override
    public Integer call() {
        TagSpec s = TagSpec.parse(tag);
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            List<Tag> versions = repo.readTagStream(s);
            if (versions.isEmpty()) {
                throw new UnknownReferenceException(s.path());
            }
            for (int i = 0; i < versions.size(); i++) {
                Tag t = versions.get(i);
                ctx.out().println(t.target().shortText(10) + " " + t.spec(i) + " " + t.userWithoutDomain() + " "
                        + TIME.format(t.time().atZone(ZoneId.systemDefault())));
            }
        }
        ctx.out().flush();
        return 0;
    }
}
