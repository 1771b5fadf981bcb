package spfs.mount;

import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import spfs.foreign.NativeFunctions;

/**
 * The libc functions the runtime calls that neither the JDK nor jnr-posix offers (namespaces,
 * mounts, whiteouts, the signal mask, xattrs, exec), called through jffi, the layer under jnr-ffi.
 * jnr-ffi's own binding of these cost every {@code spfs run} ~150 ms of CPU (a search of every jar
 * for a platform class that does not exist, its type mappers, a generated proxy, an invoker per
 * function); here each function is a symbol address and a libffi call description, and strings
 * are copied to native memory by hand. Errno is saved by jffi right after each call, on the
 * calling thread, and read back by {@link #errno()}.
 */
final class LibC {
    private static final int SIG_SETMASK = 2;

    private final Invoker invoker;
    private final MemoryIO memory;
    private final LastError lastError;
    private final Function unshare;
    private final Function setns;
    private final Function mount;
    private final Function umount2;
    private final Function mknod;
    private final Function sigprocmask;
    private final Function execve;
    private final Function fcntl;
    private final Function open;
    private final Function close;
    private final Function getpid;
    private final Function geteuid;
    private final Function getegid;
    private final Function lgetxattr;
    private final Function lchown;
    private final Function setsid;
    private final Function strerror;

    /**
     * Looks every function up in the process's own symbols (the JVM has libc loaded already).
     * Throws {@link LinkageError} when jffi's native stub cannot load.
     */
    LibC() {
        invoker = Invoker.getInstance();
        memory = MemoryIO.getInstance();
        lastError = LastError.getInstance();
        Library libc = Library.getDefault();
        Type i = Type.SINT;
        Type p = Type.POINTER;
        unshare = function(libc, "unshare", i, i);
        setns = function(libc, "setns", i, i, i);
        mount = function(libc, "mount", i, p, p, p, Type.ULONG, p);
        umount2 = function(libc, "umount2", i, p, i);
        mknod = function(libc, "mknod", i, p, Type.UINT, Type.UINT64);
        sigprocmask = function(libc, "sigprocmask", i, i, p, p);
        execve = function(libc, "execve", i, p, p, p);
        // variadic in C: the descriptions say which arguments are the fixed ones
        fcntl = variadic(libc, "fcntl", 2, i, i, i, i);
        open = variadic(libc, "open", 2, i, p, i);
        close = function(libc, "close", i, i);
        getpid = function(libc, "getpid", i);
        geteuid = function(libc, "geteuid", Type.UINT);
        getegid = function(libc, "getegid", Type.UINT);
        lgetxattr = function(libc, "lgetxattr", Type.SLONG, p, p, p, Type.ULONG);
        lchown = function(libc, "lchown", i, p, Type.UINT, Type.UINT);
        setsid = function(libc, "setsid", i);
        strerror = function(libc, "strerror", p, i);
    }

    private static Function function(Library libc, String name, Type result, Type... parameters) {
        return NativeFunctions.find(libc, name, result, parameters).orElseThrow(() -> missing(name));
    }

    private static Function variadic(Library libc, String name, int fixed, Type result, Type... parameters) {
        return NativeFunctions.findVariadic(libc, name, fixed, result, parameters).orElseThrow(() -> missing(name));
    }

    private static MountException missing(String name) {
        return new MountException("native-binding", "cannot make system calls: libc has no function " + name
                + " (" + Library.getLastError() + ")", 0);
    }

    /** The errno of this thread's last call that failed (jffi saved it before anything else ran). */
    int errno() {
        return lastError.get();
    }

    int unshare(int flags) {
        return (int) invoker.invokeNrN(unshare, flags);
    }

    int setns(int fd, int nstype) {
        return (int) invoker.invokeNNrN(setns, fd, nstype);
    }

    int mount(String source, String target, String fstype, long flags, String data) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNNNNrN(mount, s.of(source), s.of(target), s.of(fstype), flags, s.of(data));
        }
    }

    int umount2(String target, int flags) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNrN(umount2, s.of(target), flags);
        }
    }

    int mknod(String path, int mode, long dev) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNNrN(mknod, s.of(path), mode, dev);
        }
    }

    /** sigprocmask(SIG_SETMASK) to the empty set. */
    int clearSignalMask() {
        try (Arguments s = new Arguments()) {
            // sigset_t is 128 bytes in glibc (1024 signals); the kernel reads 8 of them
            return (int) invoker.invokeNNNrN(sigprocmask, SIG_SETMASK, s.zeroes(128), 0);
        }
    }

    /** Returns only when the exec failed. */
    int execve(String path, List<String> argv, List<String> envp) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNNrN(execve, s.of(path), s.array(argv), s.array(envp));
        }
    }

    int fcntl(int fd, int cmd, int arg) {
        return (int) invoker.invokeNNNrN(fcntl, fd, cmd, arg);
    }

    int open(String path, int flags) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNrN(open, s.of(path), flags);
        }
    }

    int close(int fd) {
        return (int) invoker.invokeNrN(close, fd);
    }

    int getpid() {
        return (int) invoker.invokeVrN(getpid);
    }

    int geteuid() {
        return (int) invoker.invokeVrN(geteuid);
    }

    int getegid() {
        return (int) invoker.invokeVrN(getegid);
    }

    /** The attribute's value, or null when the call failed ({@link #errno()} says why). */
    byte[] lgetxattr(String path, String name, int capacity) {
        try (Arguments s = new Arguments()) {
            long buffer = s.zeroes(capacity);
            long n = invoker.invokeNNNNrN(lgetxattr, s.of(path), s.of(name), buffer, capacity);
            if (n < 0) {
                return null;
            }
            byte[] value = new byte[(int) n];
            memory.getByteArray(buffer, value, 0, value.length);
            return value;
        }
    }

    int lchown(String path, int uid, int gid) {
        try (Arguments s = new Arguments()) {
            return (int) invoker.invokeNNNrN(lchown, s.of(path), uid, gid);
        }
    }

    int setsid() {
        return (int) invoker.invokeVrN(setsid);
    }

    String strerror(int errnum) {
        long message = invoker.invokeNrN(strerror, errnum);
        return message == 0 ? "errno " + errnum : new String(memory.getZeroTerminatedByteArray(message), StandardCharsets.UTF_8);
    }

    /**
     * Native copies of one call's strings and buffers, freed together when the call returns.
     * Strings are UTF-8 and NUL-terminated; a string with a NUL of its own is refused, as C
     * would silently cut it there.
     */
    private final class Arguments implements AutoCloseable {
        private long[] blocks = new long[4];
        private int count;

        /** A C string, or NULL for null. */
        long of(String s) {
            if (s == null) {
                return 0;
            }
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a system call's argument contains a NUL character: "
                        + s.replace('\0', '?'));
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            long address = zeroes(bytes.length + 1);
            memory.putByteArray(address, bytes, 0, bytes.length);
            return address;
        }

        /** A NULL-terminated array of C strings (execve's argv and envp). */
        long array(List<String> strings) {
            int width = Type.POINTER.size();
            long array = zeroes((long) (strings.size() + 1) * width);
            for (int k = 0; k < strings.size(); k++) {
                memory.putAddress(array + (long) k * width, of(strings.get(k)));
            }
            return array;
        }

        /** {@code size} bytes of zeroes. */
        long zeroes(long size) {
            long address = memory.allocateMemory(Math.max(size, 1), true);
            if (address == 0) {
                throw new OutOfMemoryError("cannot allocate " + size + " bytes of native memory");
            }
            if (count == blocks.length) {
                blocks = java.util.Arrays.copyOf(blocks, count * 2);
            }
            blocks[count++] = address;
            return address;
        }

        @Override
        public void close() {
            for (int k = 0; k < count; k++) {
                memory.freeMemory(blocks[k]);
            }
        }
    }
}
