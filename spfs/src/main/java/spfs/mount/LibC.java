package spfs.mount;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.byref.IntByReference;

/**
 * The libc functions the runtime calls that neither the JDK nor jnr-posix offers (namespaces,
 * mounts, whiteouts, the signal mask, xattrs). Bound once per process by {@link Linux}; kept small
 * because binding costs start-up time in proportion to the number of functions.
 */
public interface LibC {
    @SaveError
    int unshare(int flags);

    @SaveError
    int setns(int fd, int nstype);

    @SaveError
    int mount(String source, String target, String fstype, long flags, String data);

    @SaveError
    int umount2(String target, int flags);

    @SaveError
    int mknod(String path, int mode, long dev);

    @SaveError
    int sigprocmask(int how, byte[] set, byte[] oldset);

    @SaveError
    int execve(String path, String[] argv, String[] envp);

    @SaveError
    int fcntl(int fd, int cmd, int arg);

    @SaveError
    int open(String path, int flags);

    int close(int fd);

    int getpid();

    int geteuid();

    int getegid();

    @SaveError
    long lgetxattr(String path, String name, byte[] value, long size);

    @SaveError
    int lchown(String path, int uid, int gid);

    @SaveError
    int setsid();

    String strerror(int errnum);

    // posix_spawn and its attributes return an error number instead of setting errno
    int posix_spawn(IntByReference pid, String path, Pointer fileActions, Pointer attributes, String[] argv,
            String[] envp);

    int posix_spawn_file_actions_init(Pointer fileActions);

    int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

    int posix_spawn_file_actions_destroy(Pointer fileActions);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, byte[] mask);

    int posix_spawnattr_setsigdefault(Pointer attributes, byte[] signals);

    int posix_spawnattr_destroy(Pointer attributes);
}
