package spfs.runtime;

import java.util.TimeZone;
import java.util.UUID;
import java.util.function.Supplier;
import spfs.encoding.Digest;

/**
 * The JDK's one-time set-ups that a launch meets on its main thread, done ahead on a thread of
 * their own while the command line is still being parsed: the security providers (the runtime's
 * name is a random UUID, and tree and record digests are SHA-256), the default time zone (the
 * record's creation time) and the method-handle machinery behind the first lambda. Each is a
 * class's initialisation, which the JVM runs once: a main thread that gets there first simply
 * does it itself, and one that arrives meanwhile waits for the same work instead of repeating it.
 * Together ~40-50 ms of a cold `spfs run`'s main thread (docs/benchmarks.md).
 */
public final class LaunchWarmUp implements Runnable {
    private LaunchWarmUp() {}

    /** Starts the warm-up on a daemon thread; returns at once. */
    public static void start() {
        // no lambda here: the first one linked on the main thread is what this spares it
        Thread t = new Thread(new LaunchWarmUp(), "spfs-warm-up");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        Supplier<UUID> linked = UUID::randomUUID;
        linked.get();
        Digest.sha256();
        TimeZone.getDefault();
    }
}
