package spfs.runtime;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import spfs.error.SpfsException;
import spfs.mount.Linux;
import spfs.mount.MountException;
import spfs.mount.OverlayOptions;

/**
 * The mounts of one runtime, made in the caller's mount namespace: a tmpfs for the runtime's
 * working files, the overlay (or FUSE view) on /spfs, and live-layer bind mounts. Whoever
 * unshared the namespace must call these from the same thread.
 */
public final class RuntimeMounts {
    /** Where every runtime's file system appears. */
    public static final Path SPFS_DIR = Path.of("/spfs");

    private final Linux linux;
    private final OverlayOptions options;
    private final Path spfsDir;

    public RuntimeMounts(Linux linux, OverlayOptions options) {
        this(linux, options, SPFS_DIR);
    }

    public RuntimeMounts(Linux linux, OverlayOptions options, Path spfsDir) {
        this.linux = linux;
        this.options = options;
        this.spfsDir = spfsDir;
    }

    public Path spfsDir() {
        return spfsDir;
    }

    public OverlayOptions options() {
        return options;
    }

    /**
     * Creates /spfs (as spfs does: an empty directory on the host's root, 0777) and the runtime
     * directory when missing. They stay empty outside runtimes.
     */
    public void ensureMountPoints(RuntimeConfig c) {
        mountPoint(spfsDir);
        mountPoint(c.runtimeDir());
    }

    private void mountPoint(Path p) {
        if (Files.exists(p) && !Files.isDirectory(p)) {
            throw new MountException("spfs-not-a-directory", p + " exists and is not a directory; it is needed as a mount point", 0);
        }
        if (Files.isDirectory(p)) {
            return;
        }
        try {
            Files.createDirectories(p);
            Files.setAttribute(p, "unix:mode", 0777);
        } catch (FileAlreadyExistsException e) {
            // made by another runtime at the same moment
        } catch (IOException e) {
            throw new MountException("no-permission", "cannot create the mount point " + p + " (" + spfs.error.IoMessages.describe(e)
                    + "); as root, create it once: mkdir -m 0777 " + p, Linux.EACCES);
        }
    }

    /** A private tmpfs on the runtime directory, with lower, upper and work inside (0777). */
    public void mountRuntimeDir(RuntimeConfig c) {
        String data = "mode=0777" + c.tmpfsSize().map(s -> ",size=" + s).orElse("");
        linux.mount("tmpfs", c.runtimeDir().toString(), "tmpfs", Linux.MS_NOEXEC | Linux.MS_NOSUID | Linux.MS_NODEV, data,
                "the runtime's tmpfs");
        makeDirs(c.lowerDir());
        if (c.mountBackend().hasUpperDir()) {
            makeDirs(c.upperDir());
            makeDirs(c.workDir());
        }
    }

    /** Overlay on /spfs: {@code lowerTopFirst} over the runtime's empty lower directory. */
    public void mountOverlay(RuntimeConfig c, List<Path> lowerTopFirst, boolean editable) {
        List<Path> lower = new ArrayList<>(lowerTopFirst);
        lower.add(c.lowerDir());
        String data = options.build(lower, c.upperDir(), c.workDir());
        if (data.length() > OverlayOptions.MAX_LENGTH) {
            throw SpfsException.environment("too-many-layers", "the overlay options for " + lower.size()
                    + " layers are longer than one page (" + data.length() + " bytes)", null);
        }
        linux.mount("none", spfsDir.toString(), "overlay", editable ? 0 : Linux.MS_RDONLY, data, "the overlay of "
                + (lower.size() - 1) + " layers");
    }

    /** Binds each live layer's sources onto their destinations under /spfs, in order. */
    public void bindLiveLayers(List<LiveLayer> layers) {
        for (LiveLayer l : layers) {
            for (BindMount b : l.contents()) {
                Path dest = spfsDir.resolve(b.relativeDest());
                linux.mount(b.src().toString(), dest.toString(), null, Linux.MS_BIND | Linux.MS_REC, null,
                        "the live layer " + b.src());
            }
        }
    }

    /** Detaches /spfs (and whatever is mounted below it): open files stay valid. */
    public void unmountSpfs() {
        linux.unmountLazily(spfsDir.toString());
    }

    /** Detaches everything of the runtime; missing mounts are fine (teardown). */
    public void unmountAll(RuntimeConfig c) {
        linux.unmountIfMounted(spfsDir.toString());
        linux.unmountIfMounted(c.runtimeDir().toString());
    }

    /**
     * A durable runtime's upper and work directories. They live in the repository and outlive
     * the runtime's private namespace, where the upper directory is open to all (it is /spfs's
     * root): so their folder {@code durable_edits/NAME} is the runtime owner's alone (0700), and
     * one that someone else made, or a link, is refused rather than mounted.
     */
    static void makeDurableDirs(Path upper, Path work, int euid) {
        Path folder = upper.getParent();
        try {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // a rerun: the folder is checked below
            }
            var attrs = Files.readAttributes(folder, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isDirectory() || owner != euid) {
                throw SpfsException.environment("untrusted-durable-folder", folder + " is not a directory of this user;"
                        + " remove it (as its owner or root) before using this runtime", null);
            }
            Files.setAttribute(folder, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot create " + folder + ": " + spfs.error.IoMessages.describe(e), e);
        }
        makeDirs(upper);
        makeDirs(work);
    }

    static void makeDirs(Path dir) {
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
                Files.setAttribute(dir, "unix:mode", 0777);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot create " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }
}
