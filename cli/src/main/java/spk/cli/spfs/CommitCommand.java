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
import spfs.encoding.Digest;
import spfs.graph.Platform;
import spfs.mount.Linux;
import spfs.runtime.ActiveRuntime;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.WriteSession;
import spfs.tag.TagSpec;

/**
 * {@code spfs commit layer|platform [-t TAG]...} inside a runtime: its changes become a layer on
 * top of its stack (and the runtime read-only); {@code platform} then stores the whole stack.
 * {@code spfs commit --path DIR}: any directory as a layer.
 */
@Command(name = "commit", description = "Commit the current runtime's changes: 'layer' (a new layer on its stack) or "
        + "'platform' (the whole stack); or a directory with --path.")
public final class CommitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "layer or platform (inside a runtime).")
    String kind;

    @Option(names = "--path", paramLabel = "DIR", description = "Commit this directory as a layer.")
    Path path;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Tag the result (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--allow-empty", description = "Commit even when /spfs has no changes (an empty layer).")
    boolean allowEmpty;

    @Override
    public Integer call() {
        List<TagSpec> specs = tags.stream().map(TagSpec::parseName).toList();
        SpfsContext ctx = SpfsContext.of(spec);
        if (path == null) {
            return commitRuntime(ctx, specs);
        }
        if (kind != null) {
            throw SpfsException.badInput("usage", "give either KIND (layer, platform) or --path DIR, not both");
        }
        // one session for the layer and its tags: no clean can come between them
        try (WriteSession repo = ctx.local().beginWrite()) {
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

    private Integer commitRuntime(SpfsContext ctx, List<TagSpec> specs) {
        if (kind == null || !(kind.equals("layer") || kind.equals("platform"))) {
            throw SpfsException.badInput("usage", "commit what: 'layer' or 'platform' (inside a runtime), or --path DIR");
        }
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        RuntimeData rt = ActiveRuntime.current(storage, ctx.environment());
        ActiveRuntime active = RuntimeSupport.active(ctx, storage, Linux.load());
        ActiveRuntime.Commit c = active.commitLayer(rt, ctx.ioWorkers("SPFS_COMMIT_MAX_CONCURRENT_BLOBS"), allowEmpty);
        Digest digest = c.layer();
        if (kind.equals("platform")) {
            digest = storage.repository().writeObject(new Platform(c.runtime().status().stack(), ctx.config().newObjects()));
        }
        FsRepository repo = ctx.local();
        ctx.out().println("created: " + digest);
        for (TagSpec t : specs) {
            repo.pushTag(t, digest, ctx.config().tagAuthor());
            ctx.out().println(" tagged: " + t);
        }
        ctx.out().flush();
        return 0;
    }
}
