package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.mount.Linux;
import spfs.runtime.ActiveRuntime;
import spfs.runtime.JavaCommand;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeLauncher;
import spfs.runtime.RuntimeStorage;
import spfs.runtime.Runtimes;
import spfs.storage.Refs;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;

/** What the runtime subcommands (and spk env) share: storage, the launcher, ref resolution with origin. */
public final class RuntimeSupport {
    /** The class helper processes (monitor, rootless re-entry) start with. */
    static final String MAIN = "spk.cli.spfs.SpfsMain";

    private RuntimeSupport() {}

    static RuntimeStorage storage(SpfsContext ctx) {
        return new RuntimeStorage(ctx.local(), ctx.config().newObjects(), ctx.config().tagAuthor());
    }

    /**
     * Binds libc for namespace and mount calls, on a thread of its own while the caller goes on
     * ({@link Linux#loadInBackground}).
     */
    public static Linux linuxForLaunch() {
        return Linux.loadInBackground();
    }

    /** The binding the root command started in {@code main} ({@link EarlyLibc}), else one started now. */
    public static Linux linuxForLaunch(picocli.CommandLine.Model.CommandSpec spec) {
        if (spec.root().userObject() instanceof EarlyLibc root && root.earlyLibc().isPresent()) {
            return root.earlyLibc().get();
        }
        return linuxForLaunch();
    }

    static RuntimeLauncher launcher(SpfsContext ctx, RuntimeStorage storage, Linux linux) {
        return new RuntimeLauncher(storage, ctx.config(), linux, spfsJava(), ctx.environment(),
                ctx.ioWorkers("SPFS_RENDER_MAX_CONCURRENT_BLOBS"));
    }

    /**
     * Runtimes made and entered from this process (spfs run/shell/enter), making system calls
     * through {@code linux}, bound (or being bound) already.
     */
    static Runtimes runtimes(SpfsContext ctx, Linux linux) {
        return runtimes(ctx.config(), ctx.environment(), linux);
    }

    /**
     * Runtimes made and entered from this process with the spfs configuration of {@code env}
     * (spk env), making system calls through {@code linux} ({@link #linuxForLaunch}).
     */
    public static Runtimes runtimes(Map<String, String> env, Linux linux) {
        return runtimes(ConfigLoader.load(env), env, linux);
    }

    private static Runtimes runtimes(Config config, Map<String, String> env, Linux linux) {
        RuntimeStorage storage = new RuntimeStorage(new Repositories(config).local(), config.newObjects(), config.tagAuthor());
        return new Runtimes(storage, config, linux, spfsJava(), env,
                SpfsContext.ioWorkers(env, "SPFS_RENDER_MAX_CONCURRENT_BLOBS"));
    }

    /** How another process runs the spfs command line: this JVM's command line, spfs's or spk's, with spfs's main class. */
    private static JavaCommand spfsJava() {
        return JavaCommand.current(MAIN, "spk.cli.spk.SpkMain");
    }

    static ActiveRuntime active(SpfsContext ctx, RuntimeStorage storage, Linux linux) {
        return new ActiveRuntime(storage, launcher(ctx, storage, linux), linux, ctx.config());
    }

    /**
     * The runtime {@code SPFS_RUNTIME} names in {@code environment}, for an spk command run inside
     * it ({@code spk install}), with what changes it: its storage in the local repository.
     */
    public static Current current(Map<String, String> environment) {
        Config config = ConfigLoader.load(environment);
        RuntimeStorage storage = new RuntimeStorage(new Repositories(config).local(), config.newObjects(), config.tagAuthor());
        RuntimeData rt = ActiveRuntime.current(storage, environment);
        return new Current(rt, storage, () -> {
            Linux linux = linuxForLaunch();
            int workers = Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
            return new ActiveRuntime(storage, new RuntimeLauncher(storage, config, linux, JavaCommand.current(MAIN), environment,
                    workers), linux, config);
        });
    }

    /** The current runtime, its storage, and (made only when needed: it binds libc) what remounts it. */
    public record Current(RuntimeData runtime, RuntimeStorage storage, java.util.function.Supplier<ActiveRuntime> active) {}

    /**
     * The digests of {@code refs}, in order. Each is resolved in the local repository; one the
     * local repository lacks is resolved in origin (when configured) and its objects pulled, as a
     * digest, so that no tag lands locally (a local tag would keep data from {@code spfs clean}).
     */
    static List<Digest> resolve(SpfsContext ctx, FsRepository local, List<String> refs) {
        List<Digest> out = new ArrayList<>();
        Optional<Repository> origin = Optional.empty();
        try {
            for (String ref : refs) {
                try {
                    Digest d = Refs.resolveDigest(local, ref);
                    if (local.hasObject(d)) {
                        out.add(d);
                        continue;
                    }
                } catch (UnknownReferenceException | UnknownObjectException e) {
                    if (!ctx.config().remotes().containsKey("origin")) {
                        throw e;
                    }
                }
                if (!ctx.config().remotes().containsKey("origin")) {
                    throw new UnknownReferenceException(ref);
                }
                if (origin.isEmpty()) {
                    origin = Optional.of(ctx.repositories().open("origin"));
                }
                Digest d = Refs.resolveDigest(origin.get(), ref);
                try (Syncer s = new Syncer(origin.get(), local, SyncPolicy.MISSING_DATA_ONLY,
                        ctx.ioWorkers("SPFS_SYNC_MAX_CONCURRENT_PAYLOADS"), SyncReporter.NONE)) {
                    s.syncDigest(d);
                }
                out.add(d);
            }
        } finally {
            origin.ifPresent(Repository::close);
        }
        return out;
    }

    static SpfsException noRuntimeNeeded(String what) {
        return SpfsException.badInput("usage", what);
    }
}
