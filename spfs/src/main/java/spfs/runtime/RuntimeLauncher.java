package spfs.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.commit.DirectoryCommitter;
import spfs.concurrent.BackgroundTask;
import spfs.config.Config;
import spfs.encoding.Digest;
import spfs.env.Shell;
import spfs.env.StartupScripts;
import spfs.error.SpfsException;
import spfs.graph.Manifest;
import spfs.mount.Linux;
import spfs.mount.MountBackend;
import spfs.mount.OverlayOptions;
import spfs.render.RenderStrategy;
import spfs.render.Renderer;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.Manifests;

/**
 * Starts a process tree in a runtime. Everything that may use other threads (rendering,
 * committing live-layer mount points) happens first; then, on the calling thread: a new mount
 * namespace, the mounts (while another thread saves the record), the monitor once the record is
 * saved, and execve of the shell that runs the command. The JVM is replaced by the command, so
 * the command keeps our pid, terminal and exit status; the monitor is a separate process that
 * tears the runtime down later.
 */
public final class RuntimeLauncher {
    private final RuntimeStorage storage;
    private final Config config;
    private final Linux linux;
    private final JavaCommand java;
    private final Map<String, String> env;
    private final int renderWorkers;

    public RuntimeLauncher(RuntimeStorage storage, Config config, Linux linux, JavaCommand java, Map<String, String> env,
            int renderWorkers) {
        this.storage = storage;
        this.config = config;
        this.linux = linux;
        this.java = java;
        this.env = Map.copyOf(env);
        this.renderWorkers = renderWorkers;
    }

    /** What {@link #prepare} produced: the runtime (possibly with new layers) and its lower dirs. */
    public record Prepared(RuntimeData runtime, List<Path> rendersTopFirst, DirNode merged, double renderSeconds) {}

    /** Whether this process runs in a user namespace (rootless mode): its uid map is not the identity. */
    public static boolean inUserNamespace() {
        try {
            String map = Files.readString(Path.of("/proc/self/uid_map")).trim();
            return !map.matches("0\\s+0\\s+4294967295");
        } catch (IOException e) {
            return false;
        }
    }

    /** Mount points for the live layers, flattening of long stacks, and renders (renders backend). */
    public Prepared prepare(RuntimeData rt) {
        return prepare(rt, true);
    }

    /** As {@link #prepare(RuntimeData)}; a remount passes false, its live-layer points are in the stack already. */
    public Prepared prepare(RuntimeData rt, boolean liveLayerPoints) {
        long t0 = System.nanoTime();
        FsRepository repo = storage.repository();
        if (liveLayerPoints) {
            rt = withLiveLayerMountPoints(rt);
        }
        List<Path> renders = new ArrayList<>();
        DirNode merged = DirNode.emptyRoot();
        if (!rt.config().mountBackend().usesFuse()) {
            List<Digest> manifests = StackLayers.manifests(repo, rt.status().stack());
            FlattenResult f = flattenIfNeeded(rt, manifests);
            rt = f.runtime();
            RenderStrategy strategy = rt.config().durable() ? RenderStrategy.COPY : RenderStrategy.HARD_LINK;
            Renderer renderer = new Renderer(repo, strategy, renderWorkers, config.allowPayloadSharingBetweenUsers());
            for (Digest m : f.manifests()) {
                DirNode tree = Manifests.read(repo, m);
                renders.add(0, renderer.renderManifest(m, tree));
                merged = spfs.tracking.Layering.merge(merged, tree);
            }
        }
        return new Prepared(rt, renders, merged, (System.nanoTime() - t0) / 1e9);
    }

    private record FlattenResult(RuntimeData runtime, List<Digest> manifests) {}

    /**
     * mount(2) takes one page of options. When the stack's lower directories do not fit, the
     * bottom manifests are merged into one flattened manifest (kept in the runtime record, so
     * clean keeps it) until they do.
     */
    private FlattenResult flattenIfNeeded(RuntimeData rt, List<Digest> manifests) {
        FsRepository repo = storage.repository();
        OverlayOptions opts = OverlayOptions.detect(inUserNamespace() || linux.euid() != 0);
        List<Digest> current = new ArrayList<>(manifests);
        LinkedHashSet<Digest> flattened = new LinkedHashSet<>(rt.status().flattenedLayers());
        while (current.size() > 1 && opts.build(renderPaths(current), rt.config().upperDir(), rt.config().workDir()).length()
                > OverlayOptions.MAX_LENGTH - rt.config().lowerDir().toString().length() - 1) {
            int fold = Math.min(7, current.size() - 1) + 1;
            DirNode tree = DirNode.emptyRoot();
            for (Digest m : current.subList(0, fold)) {
                tree = spfs.tracking.Layering.merge(tree, Manifests.read(repo, m));
            }
            Manifest flat = Manifests.toManifest(tree, config.newObjects());
            repo.writeObject(flat);
            flattened.add(flat.digest());
            List<Digest> next = new ArrayList<>();
            next.add(flat.digest());
            next.addAll(current.subList(fold, current.size()));
            current = next;
        }
        return new FlattenResult(rt.withStatus(rt.status().withFlattened(flattened)), current);
    }

    private List<Path> renderPaths(List<Digest> manifests) {
        Path userRoot = storage.repository().root().resolve("renders").resolve(FsRepository.currentUser());
        List<Path> out = new ArrayList<>();
        for (Digest m : manifests) {
            String s = m.toString();
            out.add(0, userRoot.resolve(s.substring(0, 2)).resolve(s.substring(2)));
        }
        return out;
    }

    /**
     * A live layer's destinations must exist in /spfs before anything can be bound there: a
     * layer holding those paths (directories for directory sources, empty files for files) is
     * committed and pushed onto the stack, as spfs does.
     */
    private RuntimeData withLiveLayerMountPoints(RuntimeData rt) {
        List<LiveLayer> live = rt.config().liveLayers();
        if (live.isEmpty()) {
            return rt;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("spfs-live-layer");
            Map<Path, BindMount> dirBinds = new LinkedHashMap<>();
            for (LiveLayer l : live) {
                for (BindMount b : l.contents()) {
                    Path at = tmp.resolve(b.relativeDest());
                    if (Files.isDirectory(b.src())) {
                        Files.createDirectories(at);
                        dirBinds.put(at, b);
                    } else if (Files.isRegularFile(b.src())) {
                        BindMount hiding = dirBinds.get(at.getParent());
                        if (hiding != null && !Files.exists(hiding.src().resolve(at.getFileName()))) {
                            throw SpfsException.badInput("invalid-live-layer", "the file bind " + b.src() + " -> "
                                    + b.dest() + " is hidden by the earlier directory bind " + hiding.src()
                                    + "; reorder them");
                        }
                        Files.createDirectories(at.getParent());
                        if (!Files.exists(at)) {
                            Files.createFile(at);
                        }
                    } else {
                        throw SpfsException.badInput("invalid-live-layer", "live layer source " + b.src()
                                + " is not a directory or a file");
                    }
                }
            }
            var result = new DirectoryCommitter(storage.repository(), config.newObjects(), 2).commit(tmp);
            return rt.withStatus(rt.status().push(result.layer().digest()));
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot prepare live layer mount points: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                DirectoryRemoval.removeTree(tmp);
            }
        }
    }

    /**
     * Enters a new mount namespace on this thread, mounts the runtime, saves it as running and
     * owned by this process, starts the monitor and replaces this process with the command.
     * Returns only by throwing; on failure the record is removed (or, when durable, released)
     * and nothing stays mounted, because the namespace dies with this process.
     */
    public SpfsException launch(Prepared p, List<String> command, double syncSeconds) {
        RuntimeData rt = p.runtime();
        Optional<BackgroundTask<Void>> stored = Optional.empty();
        try {
            Entered entered = enter(p);
            rt = entered.runtime();
            stored = Optional.of(entered.stored());
            Shell shell = Shell.find(env);
            StartupScripts scripts = new StartupScripts(rt.config().shStartupFile(), rt.config().cshStartupFile());
            scripts.write();
            // made while the record is still being written (its fsyncs are the longer part)
            Shell.Invocation inv = shell.invocation(scripts, command, env);
            Map<String, String> full = new LinkedHashMap<>(env);
            full.putAll(inv.env());
            full.put("SPFS_RUNTIME", rt.name());
            full.put("SPFS_METRICS_SYNC_TIME_SECS", Double.toString(syncSeconds));
            full.put("SPFS_METRICS_RENDER_TIME_SECS", Double.toString(p.renderSeconds()));
            List<String> envList = new ArrayList<>();
            full.forEach((k, v) -> envList.add(k + "=" + v));
            // the monitor reads the record, and the command may too: stored before either starts
            entered.stored().join();
            if (!rt.config().mountBackend().usesFuse()) {
                spawnMonitor(rt, Optional.empty());
            }
            return linux.exec(inv.argv().get(0), inv.argv(), envList);
        } catch (RuntimeException e) {
            // a record still being written would otherwise land after its removal
            stored.ifPresent(BackgroundTask::joinQuietly);
            release(rt);
            throw e;
        }
    }

    /**
     * The record as {@link #enter} made it (owner, namespace), and its write, which may still be
     * under way on another thread. The write is durable (each file fsynced before its rename):
     * the mounts and the startup scripts are made meanwhile, and it is joined before anything
     * that reads the record starts.
     */
    private record Entered(RuntimeData runtime, BackgroundTask<Void> stored) {}

    /**
     * The namespace and mounts, on this thread; returns the record as it is now (owner,
     * namespace), whose write this starts, on another thread.
     */
    private Entered enter(Prepared p) {
        RuntimeData rt = p.runtime();
        RuntimeConfig c = rt.config();
        boolean rootless = inUserNamespace();
        RuntimeMounts mounts = new RuntimeMounts(linux, OverlayOptions.detect(rootless));
        mounts.ensureMountPoints(c);
        if (c.durable()) {
            RuntimeMounts.makeDurableDirs(c.upperDir(), c.workDir(), linux.euid());
        }
        linux.unshareMountNamespace();
        // our mounts must not reach the host, but the host's later mounts may still reach us
        linux.propagation("/", Linux.MS_REC | Linux.MS_SLAVE);
        // owned, running and in this namespace from here on. Stored whole, once, before any
        // monitor exists: from then on the monitor and the command change it too, by update only
        rt = rt.withConfig(c.withMountNamespace(Optional.ofNullable(Linux.mountNamespaceOf("thread-self"))))
                .withStatus(rt.status().withOwner(Optional.of((long) linux.pid())).withRunning(true));
        RuntimeData toStore = rt;
        BackgroundTask<Void> stored = BackgroundTask.start("spfs-runtime-record", () -> {
            storage.put(toStore);
            return null;
        });
        try {
            mounts.mountRuntimeDir(c);
            MountBackend backend = c.mountBackend();
            if (backend instanceof MountBackend.OverlayFsWithRenders) {
                Masks.apply(p.merged(), c.upperDir(), linux);
                mounts.mountOverlay(c, p.rendersTopFirst(), rt.status().editable());
            } else if (backend instanceof MountBackend.OverlayFsWithFuse) {
                // the FUSE server (in the monitor) serves the stored stack
                stored.join();
                spawnMonitor(rt, Optional.of(c.lowerDir()));
                mounts.mountOverlay(c, List.of(), rt.status().editable());
            } else {
                stored.join();
                spawnMonitor(rt, Optional.of(mounts.spfsDir()));
            }
            mounts.bindLiveLayers(c.liveLayers());
        } catch (RuntimeException e) {
            stored.joinQuietly();
            throw e;
        }
        return new Entered(rt, stored);
    }

    /**
     * Gives up a runtime that did not start: durable ones are kept for a rerun, others removed;
     * a record this process has not stored yet (a durable one's earlier run) stays as it is.
     */
    private void release(RuntimeData rt) {
        Optional<Long> self = Optional.of((long) linux.pid());
        try {
            storage.release(rt.name(), cur -> cur.status().owner().equals(self));
        } catch (RuntimeException ignored) {
            // the original failure is what the user needs to see
        }
    }

    /**
     * Starts {@code spfs monitor} in a session of its own ({@code setsid -f}: the terminal's
     * Ctrl-C does not reach it, and it is not our child, so the command never waits for it).
     * Spawned from this thread, it shares the runtime's mount namespace. With {@code fuseMount}
     * it also serves the FUSE view there, and we wait for its word in the runtime's private
     * directory (a pipe would not do: the JDK closes a child's pipes once that child, setsid,
     * has exited).
     */
    private void spawnMonitor(RuntimeData rt, Optional<Path> fuseMount) {
        List<String> args = new ArrayList<>(List.of("monitor", "--runtime", rt.name()));
        fuseMount.ifPresent(m -> {
            args.add("--fuse-mount");
            args.add(m.toString());
        });
        List<String> cmd = new ArrayList<>(List.of("setsid", "-f"));
        cmd.addAll(java.with(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(env.containsKey("SPFS_MONITOR_FOREGROUND_LOGGING") ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.DISCARD);
        try {
            pb.start().waitFor();
            if (fuseMount.isPresent()) {
                awaitReady(rt.config().runtimeDir().resolve(MONITOR_STATUS), fuseMount.get());
            }
        } catch (IOException e) {
            throw SpfsException.environment("monitor", "cannot start the runtime monitor: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "interrupted while starting the monitor", e);
        }
    }

    /** The file the monitor writes "ready" (or "error: ...") to once its FUSE view is mounted. */
    public static final String MONITOR_STATUS = "monitor.status";

    private static final long READY_WAIT_MILLIS = 60_000;

    private static void awaitReady(Path status, Path mount) throws InterruptedException {
        long deadline = System.currentTimeMillis() + READY_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(status)) {
                String got;
                try {
                    got = Files.readString(status, StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    got = "error: " + e.getMessage();
                }
                if (got.equals("ready")) {
                    return;
                }
                throw SpfsException.environment("fuse", "the FUSE server did not mount " + mount + ": "
                        + got.replaceFirst("^error: ", ""), null);
            }
            Thread.sleep(5);
        }
        throw SpfsException.environment("fuse", "the FUSE server did not mount " + mount + " within "
                + READY_WAIT_MILLIS / 1000 + " s", null);
    }
}
