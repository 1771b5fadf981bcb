package spfs.fuse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import spfs.error.SpfsException;
import spfs.mount.Linux;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;

/**
 * Serves {@link ManifestFs} views through libfuse2 (jnr-fuse), each on a thread of its own that
 * runs the FUSE loop until the view is unmounted. Mounting waits until the kernel shows the
 * mount, so the caller can stack an overlay on it at once.
 */
public final class FuseServer {
    private static final long MOUNT_WAIT_MILLIS = 30_000;

    private final List<FsRepository> repos;
    private final Linux linux;
    private final int uid;
    private final int gid;
    private final List<Mounted> mounted = new ArrayList<>();

    private record Mounted(Path at, ManifestFs fs) {}

    public FuseServer(List<FsRepository> repos, Linux linux, int uid, int gid) {
        this.repos = List.copyOf(repos);
        this.linux = linux;
        this.uid = uid;
        this.gid = gid;
    }

    /** Mounts a read-only view of {@code tree} on {@code at}; returns once it is visible. */
    public synchronized void mount(DirNode tree, Path at) {
        if (!java.nio.file.Files.isReadable(Path.of("/dev/fuse"))) {
            throw SpfsException.environment("no-fuse", "the FUSE backend needs /dev/fuse, which is missing or not"
                    + " accessible here", null);
        }
        ManifestFs fs;
        try {
            fs = new ManifestFs(tree, repos, uid, gid);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw SpfsException.environment("no-fuse", "cannot load libfuse (libfuse.so.2; install libfuse2): "
                    + e.getMessage(), e);
        }
        String[] opts = {"-o", "ro,allow_other,default_permissions,nonempty,fsname=spfs,subtype=spfs"};
        CompletableFuture<Throwable> loop = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                fs.mount(at, true, false, opts);
                loop.complete(null);
            } catch (Throwable e) {
                loop.complete(e);
            }
        }, "spfs-fuse " + at);
        t.setDaemon(true);
        t.start();
        long deadline = System.currentTimeMillis() + MOUNT_WAIT_MILLIS;
        while (!Linux.isMountPoint(at)) {
            if (loop.isDone()) {
                Throwable e = loop.join();
                throw SpfsException.environment("fuse", "cannot mount the FUSE view on " + at
                        + (e == null ? " (the FUSE loop ended)" : ": " + e.getMessage()), e);
            }
            if (System.currentTimeMillis() > deadline) {
                throw SpfsException.environment("fuse", "the FUSE view did not appear on " + at, null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SpfsException.environment("interrupted", "interrupted while mounting FUSE", e);
            }
        }
        mounted.add(new Mounted(at, fs));
    }

    /** Detaches every view this server mounted; their loops end once the kernel lets go. */
    public synchronized void unmountAll() {
        for (Mounted m : mounted) {
            try {
                linux.unmountIfMounted(m.at().toString());
            } catch (RuntimeException e) {
                // keep going: the namespace goes away with us anyway
            }
            m.fs().closeAll();
        }
        mounted.clear();
    }
}
