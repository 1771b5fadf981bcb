package spfs.storage.fs;

import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.LastError;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import spfs.foreign.NativeFunctions;
import spfs.foreign.ScratchMemory;

/**
 * {@link FileCalls} through libc, called with jffi (as the runtime's calls are, see
 * spfs.mount.LibC): a new file is one open, write and close on a per-thread native buffer, and a
 * rename that must not replace is one renameat2(RENAME_NOREPLACE), which refuses atomically where
 * the JDK has to look first. Where the file system or C library cannot refuse so (glibc before
 * 2.28, some network file systems), renames go through the JDK's look-then-rename.
 */
final class LibcFileCalls implements FileCalls {
    private static final int CREATE_FLAGS = OpenFlags.O_WRONLY.intValue() | OpenFlags.O_CREAT.intValue()
            | OpenFlags.O_EXCL.intValue() | OpenFlags.O_CLOEXEC.intValue();
    /** Linux's "relative to the working directory", for renameat2's directory arguments: paths are absolute or so meant. */
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int EEXIST = Errno.EEXIST.intValue();
    private static final int EINTR = Errno.EINTR.intValue();
    private static final int EINVAL = Errno.EINVAL.intValue();
    private static final int ENOSYS = Errno.ENOSYS.intValue();
    private static final int ENOENT = Errno.ENOENT.intValue();
    private static final int EACCES = Errno.EACCES.intValue();
    private static final int EIO = Errno.EIO.intValue();

    private final Invoker invoker;
    private final MemoryIO memory;
    private final LastError lastError;
    private final Function open;
    private final Function write;
    private final Function close;
    private final Function unlink;
    private final Function strerror;
    /** Null when the C library has none (glibc before 2.28). */
    private final Function renameat2;
    /** The JDK encodes paths with this (the locale's), and so must the calls, to name the same files. */
    private final Charset pathCharset;
    /** Each thread's native copy of a call's paths and data. */
    private final ScratchMemory scratch = new ScratchMemory(1 << 12);

    /** Throws {@link LinkageError} when jffi's stub cannot load, UnsupportedOperationException when libc lacks a call. */
    LibcFileCalls() {
        invoker = Invoker.getInstance();
        memory = MemoryIO.getInstance();
        lastError = LastError.getInstance();
        Library libc = Library.getDefault();
        Type i = Type.SINT;
        Type p = Type.POINTER;
        // variadic in C: the description says which arguments are the fixed ones
        open = NativeFunctions.findVariadic(libc, "open", 2, i, p, i, Type.UINT).orElseThrow(() -> missing("open"));
        write = function(libc, "write", Type.SLONG, i, p, Type.ULONG);
        close = function(libc, "close", i, i);
        unlink = function(libc, "unlink", i, p);
        strerror = function(libc, "strerror", p, i);
        renameat2 = NativeFunctions.find(libc, "renameat2", i, i, p, i, p, Type.UINT).orElse(null);
        String jnu = System.getProperty("sun.jnu.encoding");
        pathCharset = jnu != null && Charset.isSupported(jnu) ? Charset.forName(jnu) : Charset.defaultCharset();
    }

    private static Function function(Library libc, String name, Type result, Type... parameters) {
        return NativeFunctions.find(libc, name, result, parameters).orElseThrow(() -> missing(name));
    }

    private static UnsupportedOperationException missing(String name) {
        return new UnsupportedOperationException("libc has no function " + name);
    }

    @Override
    public void writeNew(Path tmp, byte[] data, int size, int mode) throws IOException {
        byte[] name = encode(tmp);
        long base = scratch.address(name.length + 1L + size);
        long content = base + name.length + 1;
        memory.putByteArray(base, name, 0, name.length);
        memory.putByte(base + name.length, (byte) 0);
        memory.putByteArray(content, data, 0, size);
        int fd = (int) invoker.invokeNNNrN(open, base, CREATE_FLAGS, mode);
        if (fd < 0) {
            throw failure(lastError.get(), tmp, null);
        }
        int failed = 0;
        for (long done = 0; done < size && failed == 0;) {
            long n = invoker.invokeNNNrN(write, fd, content + done, size - done);
            if (n > 0) {
                done += n;
            } else if (n == 0) {
                // nothing written and no error: the device takes no more (asking again would spin)
                failed = EIO;
            } else if (lastError.get() != EINTR) {
                failed = lastError.get();
            }
        }
        // close's own failure counts: some file systems report a lost write only there
        if (invoker.invokeNrN(close, fd) < 0 && failed == 0 && lastError.get() != EINTR) {
            failed = lastError.get();
        }
        if (failed != 0) {
            IOException e = failure(failed, tmp, null);
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    @Override
    public boolean placeIfAbsent(Path tmp, Path target) throws IOException {
        if (renameat2 == null) {
            return JdkFileCalls.INSTANCE.placeIfAbsent(tmp, target);
        }
        byte[] from = encode(tmp);
        byte[] to = encode(target);
        long base = scratch.address(from.length + to.length + 2L);
        memory.putByteArray(base, from, 0, from.length);
        memory.putByte(base + from.length, (byte) 0);
        long second = base + from.length + 1;
        memory.putByteArray(second, to, 0, to.length);
        memory.putByte(second + to.length, (byte) 0);
        if (invoker.invokeNNNNNrN(renameat2, AT_FDCWD, base, AT_FDCWD, second, RENAME_NOREPLACE) == 0) {
            return true;
        }
        int errno = lastError.get();
        if (errno == EEXIST) {
            if (!Files.exists(target)) {
                // a dangling link counts as absent (HashStore#has): the write replaces it
                DurableFiles.moveIntoPlace(tmp, target);
                return true;
            }
            // someone else stored the same content meanwhile: keep theirs
            if (invoker.invokeNrN(unlink, base) != 0 && lastError.get() != ENOENT) {
                throw failure(lastError.get(), tmp, null);
            }
            return false;
        }
        if (errno == EINVAL || errno == ENOSYS) {
            // this file system cannot refuse (the process may write to others that can)
            return JdkFileCalls.INSTANCE.placeIfAbsent(tmp, target);
        }
        throw failure(errno, tmp, target);
    }

    private byte[] encode(Path path) {
        String s = path.toString();
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a path contains a NUL character: " + s.replace('\0', '?'));
        }
        return s.getBytes(pathCharset);
    }

    /** The exception the JDK throws for {@code errno} on these files, with the C library's words for it. */
    private IOException failure(int errno, Path file, Path other) {
        String f = file.toString();
        String o = other == null ? null : other.toString();
        if (errno == ENOENT) {
            return new NoSuchFileException(f, o, null);
        }
        if (errno == EEXIST) {
            return new FileAlreadyExistsException(f, o, null);
        }
        if (errno == EACCES) {
            return new AccessDeniedException(f, o, null);
        }
        long message = invoker.invokeNrN(strerror, errno);
        String why = message == 0 ? "errno " + errno
                : new String(memory.getZeroTerminatedByteArray(message), StandardCharsets.UTF_8);
        return new FileSystemException(f, o, why);
    }
}
