package spfs.mount;

import jnr.ffi.annotations.SaveError;

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
}
