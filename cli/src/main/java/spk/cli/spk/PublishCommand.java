package spk.cli.spk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.RepositoryAddress;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.Syncer;
import spfs.tag.TagSpec;
import spk.cli.spfs.ProgressReporter;
import spk.error.SpkException;
import spk.grammar.ident.AnyIdent;
import spk.grammar.name.PkgName;
import spk.storage.SpfsPackageRepository;

/**
 * {@code spk publish PKG... [-r TARGET]}: copies packages ({@code NAME}, {@code NAME/VERSION} or
 * {@code NAME/VERSION/BUILD}) from the local spfs repository to another one (by default the
 * {@code origin} remote): their spec and component tags, with every object and payload they
 * need, as SPK publishes. A target folder that is not an spfs repository yet is refused with how
 * to make one, or made with {@code --create}. Every package is looked up before anything is
 * copied, so a missing one leaves the target as it was.
 */
@Command(name = "publish", description = "Copy packages from the local repository to another spfs repository.")
public final class PublishCommand implements Callable<Integer> {
    @Option(names = {"-r", "--target-repo"}, paramLabel = "REPO",
            description = "Where to publish: a remote's name or an spfs repository's path or address (default origin).")
    String target = "origin";

    @Option(names = "--create", description = "Make the target repository when the folder is not one yet.")
    boolean create;

    @Parameters(paramLabel = "NAME[/VERSION[/BUILD]]", arity = "1..*",
            description = "What to publish: packages, versions, or single builds.")
    List<String> packages;

    @Option(names = "--no-source", description = "Leave out the source packages (NAME/VERSION/src).")
    boolean noSource;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = ConfigLoader.load(SpkCommand.environment(spec));
        Repositories repositories = new Repositories(config);
        FsRepository local = repositories.local();
        Map<String, List<TagSpec>> tagsOf = new LinkedHashMap<>();
        for (String pkg : packages) {
            String path = tagPath(pkg);
            // recipes (spk/spec/NAME/VERSION) come along with their builds, as SPK publishes them
            List<TagSpec> tags = local.tagStreams().filter(t -> within(t.path(), "spk/spec/" + path)
                    || within(t.path(), "spk/pkg/" + path)).filter(t -> !(noSource && isSource(t.path())))
                    .sorted(Comparator.comparing(TagSpec::path)).toList();
            if (tags.isEmpty()) {
                throw new NothingToPublish("nothing to publish: the local repository (" + local.root() + ") has no " + pkg);
            }
            tagsOf.put(pkg, tags);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> published = new LinkedHashMap<>();
        try (Repository dest = open(repositories, config);
                ProgressReporter bar = ProgressReporter.forTerminal("publish "
                        + String.join(" ", packages));
                Syncer sync = new Syncer(local, dest, SyncPolicy.LATEST_TAGS, 8, bar)) {
            long payloads = 0;
            for (Map.Entry<String, List<TagSpec>> e : tagsOf.entrySet()) {
                for (TagSpec t : e.getValue()) {
                    sync.syncTag(local.resolveTag(t));
                }
                long copied = sync.summary().payloadsSynced();
                published.put(e.getKey(), e.getValue().size() + " tags, " + (copied - payloads) + " payloads copied");
                payloads = copied;
            }
            // the bar is drawn for the last time before the summary, so the two never share a line
            bar.finish();
            published.forEach((pkg, what) -> out.println("published " + pkg + " to " + target + ": " + what));
            out.flush();
            if (dest instanceof FsRepository fs) {
                IndexUpkeep.refresh(List.of(new SpfsPackageRepository(target, fs, SpkCommand.specLoader(spec))),
                        spec.commandLine().getErr());
            }
        }
        out.flush();
        return 0;
    }

    /**
     * The target: a configured remote, an address (tar:, grpc:, ...), or a folder that must already
     * be an spfs repository unless --create.
     */
    private Repository open(Repositories repositories, Config config) {
        RepositoryAddress address = RepositoryAddress.parse(target);
        if (!config.remotes().containsKey(target) && address.scheme().equals("file")) {
            Path path = Path.of(address.path());
            if (!SpfsPackageRepository.isSpfsRepository(path)) {
                if (!create) {
                    throw new NotARepository(target + " is not an spfs repository; make it one with 'spfs init repo "
                            + target + "', or publish with --create");
                }
                return FsRepository.create(path, Optional.empty());
            }
        }
        return repositories.open(target);
    }

    /** The tag path under spk/spec and spk/pkg of NAME, NAME/VERSION or NAME/VERSION/BUILD. */
    private static String tagPath(String pkg) {
        if (!pkg.contains("/")) {
            return PkgName.parse(pkg).value();
        }
        AnyIdent ident = AnyIdent.parse(pkg);
        return ident.name().value() + "/" + ident.version().toTagPath() + ident.build().map(b -> "/" + b).orElse("");
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

    /** The target folder is not an spfs repository (and --create was not given). */
    static final class NotARepository extends SpkException {
        private static final long serialVersionUID = 1L;

        NotARepository(String message) {
            super("not-a-repository", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
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
