package spk.cli.spk;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.Syncer;
import spfs.tag.TagSpec;
import spk.error.SpkException;
import spk.grammar.ident.AnyIdent;

/**
 * {@code spk publish NAME[/VERSION[/BUILD]] [-r TARGET]}: copies packages from the local spfs
 * repository to another one (by default the {@code origin} remote): their spec and component
 * tags, with every object and payload they need, as SPK publishes.
 */
@Command(name = "publish", description = "Copy packages from the local repository to another spfs repository.")
public final class PublishCommand implements Callable<Integer> {
    @Option(names = {"-r", "--target-repo"}, paramLabel = "REPO",
            description = "Where to publish: a remote's name or an spfs repository's path or address (default origin).")
    String target = "origin";

    @Parameters(paramLabel = "NAME[/VERSION[/BUILD]]", description = "What to publish: a package, a version, or one build.")
    String pkg;

    @Option(names = "--no-source", description = "Leave out the source packages (NAME/VERSION/src).")
    boolean noSource;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String path;
        if (pkg.contains("/")) {
            AnyIdent ident = AnyIdent.parse(pkg);
            path = ident.name().value() + "/" + ident.version().toTagPath() + ident.build().map(b -> "/" + b).orElse("");
        } else {
            path = spk.grammar.name.PkgName.parse(pkg).value();
        }
        Repositories repositories = new Repositories(spfs.config.ConfigLoader.load(SpecFiles.env()));
        FsRepository local = repositories.local();
        // recipes (spk/spec/NAME/VERSION) come along with their builds, as SPK publishes them
        List<TagSpec> tags = local.tagStreams().filter(t -> within(t.path(), "spk/spec/" + path)
                || within(t.path(), "spk/pkg/" + path)).filter(t -> !(noSource && isSource(t.path())))
                .sorted(java.util.Comparator.comparing(TagSpec::path)).toList();
        if (tags.isEmpty()) {
            throw new NothingToPublish("nothing to publish: the local repository (" + local.root() + ") has no " + pkg);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Repository dest = repositories.open(target);
                spk.cli.spfs.ProgressReporter bar = spk.cli.spfs.ProgressReporter.forTerminal("publish " + pkg);
                Syncer sync = new Syncer(local, dest, SyncPolicy.LATEST_TAGS, 8, bar)) {
            for (TagSpec t : tags) {
                sync.syncTag(local.resolveTag(t));
            }
            bar.finish();
            out.println("published " + pkg + " to " + target + ": " + tags.size() + " tags, "
                    + sync.summary().payloadsSynced() + " payloads copied");
        } catch (Exception e) {
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new NothingToPublish("cannot publish to " + target + ": " + e.getMessage());
        }
        out.flush();
        return 0;
    }

    /** A source package's tag: {@code spk/spec/NAME/VERSION/src} or {@code spk/pkg/NAME/VERSION/src[/src]}. */
    private static boolean isSource(String path) {
        String[] parts = path.split("/");
        return parts.length >= 5 && parts[4].equals("src");
    }

    /** {@code path} is {@code prefix} or below it, as a tag path. */
    private static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Nothing matched, or the target could not take it. */
    static final class NothingToPublish extends SpkException {
        private static final long serialVersionUID = 1L;

        NothingToPublish(String message) {
            super("nothing-to-publish", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
