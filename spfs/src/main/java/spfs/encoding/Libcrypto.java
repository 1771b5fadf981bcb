package spfs.encoding;

import com.kenai.jffi.Function;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.Library;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import spfs.foreign.NativeFunctions;
import spfs.foreign.ScratchMemory;

/**
 * OpenSSL's SHA-256 (libcrypto, as installed with the system), called through jffi: it uses the
 * CPU's SHA instructions from the first byte, where the JDK's SHA-256 does only once the optimising
 * compiler has compiled it, which a JVM limited to its quick compiler (a pull, see bin/launch.sh)
 * never does. Its state is a plain struct (SHA256_CTX, no pointers), kept in a Java array between
 * calls and copied through a per-thread native buffer with the data, so nothing native outlives a
 * call.
 */
final class Libcrypto {
    /** sizeof(SHA256_CTX) is 112 in every OpenSSL since 0.9.8; room to spare all the same. */
    static final int CONTEXT_BYTES = 256;
    static final int DIGEST_BYTES = 32;
    /**
     * The system property naming the library to load: bin/launch.sh passes the file it found for
     * a pull. Unset or "none": the JDK's SHA-256 (as fast once compiled, and binding jffi costs
     * ~30 ms of CPU that short commands would not win back).
     */
    static final String PROPERTY = "spfs.libcrypto";

    private final Invoker invoker = Invoker.getInstance();
    private final MemoryIO memory = MemoryIO.getInstance();
    private final Function init;
    private final Function update;
    private final Function fin;
    private final Function oneShot;
    /** Room for a state and a payload read at once (the store's buffers are 128 KiB). */
    private final ScratchMemory scratch = new ScratchMemory(CONTEXT_BYTES + (1 << 17));

    private Libcrypto(Library lib) {
        Type p = Type.POINTER;
        init = function(lib, "SHA256_Init", Type.SINT, p);
        update = function(lib, "SHA256_Update", Type.SINT, p, p, Type.ULONG);
        fin = function(lib, "SHA256_Final", Type.SINT, p, p);
        oneShot = function(lib, "SHA256", p, p, Type.ULONG, p);
    }

    private static Function function(Library lib, String name, Type result, Type... parameters) {
        return NativeFunctions.find(lib, name, result, parameters)
                .orElseThrow(() -> new UnsupportedOperationException("libcrypto has no " + name));
    }

    /** The process's binding, or empty where libcrypto or jffi cannot be loaded or hashes wrongly. */
    static Optional<Libcrypto> get() {
        return Holder.BINDING;
    }

    private static final class Holder {
        static final Optional<Libcrypto> BINDING = bind(System.getProperty(PROPERTY, "none"));
    }

    static Optional<Libcrypto> bind(String name) {
        if (name.isEmpty() || name.equals("none")) {
            return Optional.empty();
        }
        try {
            Library lib = Library.getCachedInstance(name, Library.LAZY | Library.LOCAL);
            if (lib == null) {
                return Optional.empty();
            }
            Libcrypto bound = new Libcrypto(lib);
            return bound.agreesWithTheJdk() ? Optional.of(bound) : Optional.empty();
        } catch (LinkageError | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** A library that answers differently from the JDK on a few inputs is not used at all. */
    private boolean agreesWithTheJdk() {
        try {
            MessageDigest jdk = MessageDigest.getInstance("SHA-256");
            for (int size : new int[] {0, 3, 64, 1000}) {
                byte[] data = new byte[size];
                Arrays.fill(data, (byte) 'a');
                byte[] ctx = new byte[CONTEXT_BYTES];
                start(ctx);
                update(ctx, data, 0, size / 2);
                update(ctx, data, size / 2, size - size / 2);
                byte[] expected = jdk.digest(data);
                if (!Arrays.equals(expected, finish(ctx)) || !Arrays.equals(expected, digest(data, 0, size))) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** Sets {@code ctx} to a new hash's state. */
    void start(byte[] ctx) {
        long at = scratch.address(CONTEXT_BYTES);
        check(invoker.invokeNrN(init, at), "SHA256_Init");
        memory.getByteArray(at, ctx, 0, CONTEXT_BYTES);
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset} to the hash in {@code ctx}. */
    void update(byte[] ctx, byte[] data, int offset, int length) {
        long at = scratch.address((long) CONTEXT_BYTES + length);
        memory.putByteArray(at, ctx, 0, CONTEXT_BYTES);
        memory.putByteArray(at + CONTEXT_BYTES, data, offset, length);
        check(invoker.invokeNNNrN(update, at, at + CONTEXT_BYTES, length), "SHA256_Update");
        memory.getByteArray(at, ctx, 0, CONTEXT_BYTES);
    }

    /** The digest of the hash in {@code ctx}. */
    byte[] finish(byte[] ctx) {
        long at = scratch.address(CONTEXT_BYTES + DIGEST_BYTES);
        memory.putByteArray(at, ctx, 0, CONTEXT_BYTES);
        check(invoker.invokeNNrN(fin, at + CONTEXT_BYTES, at), "SHA256_Final");
        byte[] out = new byte[DIGEST_BYTES];
        memory.getByteArray(at + CONTEXT_BYTES, out, 0, DIGEST_BYTES);
        return out;
    }

    /** The digest of {@code length} bytes of {@code data} from {@code offset}, in one call. */
    byte[] digest(byte[] data, int offset, int length) {
        long at = scratch.address((long) DIGEST_BYTES + length);
        memory.putByteArray(at + DIGEST_BYTES, data, offset, length);
        if (invoker.invokeNNNrN(oneShot, at + DIGEST_BYTES, length, at) == 0) {
            throw new IllegalStateException("libcrypto's SHA256 failed");
        }
        byte[] out = new byte[DIGEST_BYTES];
        memory.getByteArray(at, out, 0, DIGEST_BYTES);
        return out;
    }

    private static void check(long result, String call) {
        // 1 is success; these calls fail only for a null argument, which this class never passes
        if (result != 1) {
            throw new IllegalStateException("libcrypto's " + call + " failed");
        }
    }
}
