package spfs.monitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import spfs.fuse.FuseServer;
import spfs.mount.Linux;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeMounts;
import spfs.runtime.RuntimeStorage;
import spfs.runtime.StackLayers;
import spfs.runtime.UnknownRuntimeException;
import spfs.tracking.DirNode;

/**
 * Watches one runtime from inside its mount namespace and tears it down when no other process
 * is left in it: FUSE views unmounted, /spfs and the runtime tmpfs detached, and the record
 * removed (or, for a durable runtime, released so that it can be rerun). For the FUSE backends
 * it also serves the views, and takes requests for new ones (after a commit changed the stack)
 * on a socket in the runtime's private directory.
 */
public final class Monitor {
    /** The socket {@code spfs edit/commit} use to ask for a new FUSE view. */
    public static final String SOCKET = "monitor.sock";

    private final RuntimeStorage storage;
    private final String name;
    private final Linux linux;
    private final Duration interval;
    private final FuseServer fuse;
    private final PrintStream log;

    public Monitor(RuntimeStorage storage, String name, Linux linux, Duration interval, FuseServer fuse, PrintStream log) {
        this.storage = storage;
        this.name = name;
        this.linux = linux;
        this.interval = interval;
        this.fuse = fuse;
        this.log = log;
    }

    /**
     * Runs until the runtime is empty. A requested FUSE view is mounted first, and the launcher
     * told through a status file in the runtime's private directory ("ready" or "error: ...").
     */
    public int run(Optional<Path> fuseMount) {
        long self = linux.pid();
        String ns = Linux.mountNamespaceOf("self");
        RuntimeData rt = storage.update(name, cur -> cur.withStatus(cur.status().withMonitor(Optional.of(self))));
        if (fuseMount.isPresent()) {
            Path status = rt.config().runtimeDir().resolve(spfs.runtime.RuntimeLauncher.MONITOR_STATUS);
            try {
                fuse.mount(tree(rt), fuseMount.get());
                writeStatus(status, "ready");
            } catch (RuntimeException e) {
                writeStatus(status, "error: " + e.getMessage());
                return 3;
            }
            Thread server = new Thread(() -> serve(rt.config().runtimeDir().resolve(SOCKET)), "spfs-monitor-socket");
            server.setDaemon(true);
            server.start();
        }
        Optional<Long> owner = rt.status().owner();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> teardown(owner), "spfs-monitor-teardown"));
        waitUntilEmpty(ns, self, owner);
        teardown(owner);
        return 0;
    }

    /** Written whole, then renamed, so the launcher never reads half a word. */
    private void writeStatus(Path status, String text) {
        try {
            Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, status, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.println("spfs monitor: cannot write " + status + ": " + e.getMessage());
        }
    }

    private DirNode tree(RuntimeData rt) {
        return StackLayers.mergedTree(storage.repository(), StackLayers.manifests(storage.repository(), rt.status().stack()));
    }

    /**
     * Polls /proc; an empty namespace is confirmed by a second look before we act. The owner
     * that started us counts while any of its threads is in the namespace: it may not have
     * exec'd the command yet (a loaded machine, a slow FUSE start), and tearing down then would
     * pull the runtime out from under the command about to start.
     */
    private void waitUntilEmpty(String ns, long self, Optional<Long> owner) {
        if (ns == null) {
            return;
        }
        int emptyLooks = 0;
        while (emptyLooks < 2) {
            sleep(emptyLooks == 0 ? interval : Duration.ofMillis(20));
            boolean inUse = ProcessTable.scan().anyIn(ns, self)
                    || owner.map(pid -> ProcessTable.anyThreadIn(pid, ns)).orElse(false);
            emptyLooks = inUse ? 0 : emptyLooks + 1;
        }
    }

    private boolean tornDown;

    /** Unmounts, then releases the record if it still belongs to the {@code watched} owner. */
    private synchronized void teardown(Optional<Long> watched) {
        if (tornDown) {
            return;
        }
        tornDown = true;
        fuse.unmountAll();
        RuntimeData rt;
        try {
            rt = storage.read(name);
        } catch (UnknownRuntimeException e) {
            return; // removed by hand
        } catch (RuntimeException e) {
            log.println("spfs monitor: cannot read runtime " + name + ": " + e.getMessage());
            return;
        }
        try {
            new RuntimeMounts(linux, null).unmountAll(rt.config());
        } catch (RuntimeException e) {
            log.println("spfs monitor: " + e.getMessage());
        }
        try {
            // decided on the record as stored now: a process inside may have made it durable,
            // or (durable) it may have been rerun already, by an owner we do not watch
            storage.release(name, cur -> cur.status().owner().equals(watched));
        } catch (RuntimeException e) {
            log.println("spfs monitor: cannot clean up runtime " + name + ": " + e.getMessage());
        }
    }

    /** One request per connection: "mount-fuse PATH" answers "ok" or "error: ...". */
    private void serve(Path socket) {
        try {
            Files.deleteIfExists(socket);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(socket));
                while (true) {
                    try (SocketChannel c = server.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                                StandardCharsets.UTF_8));
                        PrintStream out = new PrintStream(Channels.newOutputStream(c), true, StandardCharsets.UTF_8);
                        String line = in.readLine();
                        if (line != null && line.startsWith("mount-fuse ")) {
                            try {
                                fuse.mount(tree(storage.read(name)), Path.of(line.substring(11)));
                                out.println("ok");
                            } catch (RuntimeException e) {
                                out.println("error: " + e.getMessage());
                            }
                        } else {
                            out.println("error: unknown request");
                        }
                    } catch (IOException e) {
                        log.println("spfs monitor: " + e.getMessage());
                    }
                }
            }
        } catch (IOException e) {
            log.println("spfs monitor: cannot serve " + socket + ": " + e.getMessage());
        }
    }

    /** Asks the monitor of the current runtime (we must be in its namespace) for a FUSE view at {@code at}. */
    public static void requestFuseMount(Path runtimeDir, Path at) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(runtimeDir.resolve(SOCKET)))) {
            PrintStream out = new PrintStream(Channels.newOutputStream(c), true, StandardCharsets.UTF_8);
            out.println("mount-fuse " + at);
            String reply = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8))
                    .readLine();
            if (!"ok".equals(reply)) {
                throw spfs.error.SpfsException.environment("fuse", "the runtime's FUSE server could not mount " + at + ": "
                        + reply, null);
            }
        } catch (IOException e) {
            throw spfs.error.SpfsException.environment("fuse", "cannot reach the runtime's monitor: " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
