package spfs.mount;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spfs.concurrent.BackgroundTask;

/**
 * Linux system calls for the runtime, each failure turned into a {@link MountException} naming
 * the call and its errno. Namespace calls act on the calling thread only: whoever unshares must
 * also mount and exec from that same thread.
 */
public final class Linux {
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_FS = 0x00000200;
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_REMOUNT = 32;
    public static final long MS_BIND = 4096;
    public static final long MS_REC = 16384;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final int MNT_DETACH = 2;
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EINVAL = 22;
    public static final int ENODATA = 61;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int FD_CLOEXEC = 1;
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;

    private final BackgroundTask<LibC> binding;

    private Linux(BackgroundTask<LibC> binding) {
        this.binding = binding;
    }

    /**
     * Binds libc. Each call binds anew; callers keep the instance for the life of the command.
     * jffi's native stub can fail to load (its copy in a {@code noexec} temporary folder, say): that
     * is a problem of the host, reported as one, not a crash.
     */
    public static Linux load() {
        Linux linux = new Linux(BackgroundTask.runNow(Linux::bind));
        linux.libc();
        return linux;
    }

    /**
     * As {@link #load}, but binds on a thread of its own while the caller goes on; the first
     * system call waits for it. Binding costs ~30 ms of CPU, most of it jffi loading its native
     * stub (whose set-up formats a library name with the default locale, which loads the
     * locale's number symbols), which a launch can spend reading the configuration, the refs and
     * the stack instead. A failure to bind is reported by that first call.
     */
    public static Linux loadInBackground() {
        return new Linux(BackgroundTask.start("spfs-bind-libc", Linux::bind));
    }

    private LibC libc() {
        return binding.join();
    }

    private static LibC bind() {
        try {
            return new LibC();
        } catch (LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String why = String.valueOf(root.getMessage()).lines().findFirst().orElse(root.toString());
            throw new MountException("native-binding", "cannot make system calls: jffi could not load its native "
                    + "stub (" + why + "); run bin/spfs from a complete build, or give java a writable, "
                    + "executable java.io.tmpdir", 0);
        }
    }

    private int errno() {
        return libc().errno();
    }

    private MountException fail(String code, String what, int errno) {
        return new MountException(code, what + ": " + describe(errno), errno);
    }

    /** "EBUSY (Device or resource busy)". */
    public String describe(int errno) {
        String name = jnr.constants.platform.Errno.valueOf(errno).name();
        return libc().strerror(errno) + " (" + name + ")";
    }

    public int pid() {
        return libc().getpid();
    }

    public int euid() {
        return libc().geteuid();
    }

    public int egid() {
        return libc().getegid();
    }

    /** A mount namespace of this thread's own, initially a copy of the current one. */
    public void unshareMountNamespace() {
        if (libc().unshare(CLONE_NEWNS) != 0) {
            int e = errno();
            throw fail(e == EPERM ? "no-permission" : "unshare", "cannot make a private mount namespace (unshare)", e);
        }
    }

    /**
     * Joins the mount namespace of {@code pid} on this thread. The thread first gets a file system
     * context (cwd, root) of its own: setns refuses a context that other threads share.
     */
    public void joinMountNamespace(long pid) {
        if (libc().unshare(CLONE_FS) != 0) {
            throw fail("setns", "cannot detach this thread's file system context", errno());
        }
        String ns = "/proc/" + pid + "/ns/mnt";
        int fd = libc().open(ns, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            int e = errno();
            throw fail(e == EACCES || e == EPERM ? "no-permission" : "setns", "cannot open " + ns, e);
        }
        try {
            if (libc().setns(fd, CLONE_NEWNS) != 0) {
                int e = errno();
                throw fail(e == EPERM ? "no-permission" : "setns", "cannot join the mount namespace of process " + pid, e);
            }
        } finally {
            libc().close(fd);
        }
    }

    /** Changes propagation of {@code target} (and below it with MS_REC). */
    public void propagation(String target, long flags) {
        if (libc().mount("none", target, null, flags, null) != 0) {
            throw fail("mount", "cannot change mount propagation of " + target, errno());
        }
    }

    /** mount(2); {@code what} describes the mount for messages. */
    public void mount(String source, String target, String type, long flags, String data, String what) {
        if (libc().mount(source, target, type, flags, data) != 0) {
            int e = errno();
            String code = switch (e) {
                case EBUSY -> "mount-busy";
                case EPERM, EACCES -> "no-permission";
                default -> "mount";
            };
            String hint = e == EBUSY ? " (something else is mounted there or uses its directories)" : "";
            throw fail(code, "cannot mount " + what + " on " + target + hint, e);
        }
    }

    /** umount2(2) with MNT_DETACH: open files stay valid, the mount point is free at once. */
    public void unmountLazily(String target) {
        if (libc().umount2(target, MNT_DETACH) != 0) {
            int e = errno();
            throw fail(e == EBUSY ? "mount-busy" : "unmount", "cannot unmount " + target, e);
        }
    }

    /** Unmounts if mounted; returns false when {@code target} was not a mount point. */
    public boolean unmountIfMounted(String target) {
        if (libc().umount2(target, MNT_DETACH) == 0) {
            return true;
        }
        int e = errno();
        if (e == EINVAL || e == ENOENT) {
            return false;
        }
        throw fail(e == EBUSY ? "mount-busy" : "unmount", "cannot unmount " + target, e);
    }

    /** An overlayfs whiteout: a character device 0/0. */
    public void whiteout(Path path) {
        if (libc().mknod(path.toString(), 0020000, 0) != 0) {
            throw fail("whiteout", "cannot create the whiteout " + path, errno());
        }
    }

    /** Changes ownership without following a symlink. */
    public void chown(Path path, int uid, int gid) {
        if (libc().lchown(path.toString(), uid, gid) != 0) {
            throw fail("chown", "cannot change the owner of " + path, errno());
        }
    }

    /** The value of an extended attribute, or null when the file does not have it. */
    public byte[] xattr(Path path, String name) {
        return libc().lgetxattr(path.toString(), name, 256);
    }

    /** Starts a new session: the terminal's signals (Ctrl-C, hang-up) no longer reach us. */
    public void newSession() {
        libc().setsid();
    }

    /**
     * Replaces this process with {@code argv}. Descriptors the JVM opened (jars, pipes) are
     * closed on exec, the signal mask is cleared (Java threads block SIGQUIT), and the command
     * runs with exactly {@code env}. Returns only by throwing.
     */
    public MountException exec(String path, List<String> argv, List<String> env) {
        closeOnExec();
        libc().clearSignalMask();
        System.out.flush();
        System.err.flush();
        libc().execve(path, argv, env);
        int e = errno();
        return fail(e == ENOENT ? "command-not-found" : e == EACCES ? "no-permission" : "exec", "cannot run " + path, e);
    }

    /** Marks every descriptor above stderr close-on-exec. */
    private void closeOnExec() {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path p : fds) {
                int fd = Integer.parseInt(p.getFileName().toString());
                if (fd > 2) {
                    int flags = libc().fcntl(fd, F_GETFD, 0);
                    if (flags >= 0) {
                        libc().fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a leaked descriptor is untidy, not wrong
        }
    }

    /** The mount namespace of a process as the kernel names it ("mnt:[4026531840]"), or null. */
    public static String mountNamespaceOf(String pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", pid, "ns", "mnt")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Whether {@code path} is a mount point (its device differs from its parent's). */
    public static boolean isMountPoint(Path path) {
        try {
            Object dev = Files.getAttribute(path, "unix:dev", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            Object parent = Files.getAttribute(path.toAbsolutePath().getParent() == null ? path : path.toAbsolutePath().getParent(),
                    "unix:dev");
            if (!dev.equals(parent)) {
                return true;
            }
            // bind mounts of the same file system: ask the mount table
            String target = path.toAbsolutePath().normalize().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length > 4 && unescape(f[4]).equals(target)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Mount table fields escape spaces and such as octal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
