package spk.cli.spfs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.commit.DirectoryCommitter;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.fs.RepositoryLock;
import spfs.tag.TagSpec;

/** {@code spfs commit --path DIR [-t TAG]...}: commit a directory as a layer. */
@Command(name = "commit", description = "Commit a directory (--path) into a new layer.")
public final class CommitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "layer or platform: needs a runtime, which this build lacks.")
    String kind;

    @Option(names = "--path", paramLabel = "DIR", description = "Commit this directory as a layer.")
    Path path;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Tag the result (repeatable).")
    List<String> tags = new ArrayList<>();

    @SuppressWarnings("try") // the lock is held for the block, never used in it
    @Override
    public Integer call() {
        if (path == null) {
            throw SpfsException.badInput("needs-runtime", "committing a runtime's layer or platform needs a runtime; use --path DIR");
        }
        List<TagSpec> specs = tags.stream().map(TagSpec::parse).toList();
        SpfsContext ctx = SpfsContext.of(spec);
        FsRepository repo = ctx.local();
        try (RepositoryLock lock = repo.writeLock()) {
            var result = new DirectoryCommitter(repo, ctx.config().newObjects(), ctx.ioWorkers("SPFS_COMMIT_MAX_CONCURRENT_BLOBS"))
                    .commit(path);
            var digest = result.layer().digest();
            ctx.out().println("created: " + digest);
            for (TagSpec t : specs) {
                repo.pushTag(t, digest, ctx.config().tagAuthor());
                ctx.out().println(" tagged: " + t);
            }
            if (ctx.verbosity() > 0) {
                ctx.err().println(result.files() + " files, " + result.bytes() + " bytes, " + result.newPayloads() + " new payloads");
            }
        }
        ctx.out().flush();
        return 0;
    }
}
