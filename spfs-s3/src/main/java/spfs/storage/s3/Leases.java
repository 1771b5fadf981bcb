package spfs.storage.s3;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import spfs.error.SpfsException;

/**
 * What keeps {@code spfs clean} and write sessions of one s3:// repository apart, as the
 * repository lock does for a folder, with nothing but plain PUT, LIST and DELETE (no store-side
 * locking or conditional writes). Each holder writes a lease key of its own ({@code
 * leases/session/<id>} or {@code leases/clean/<id>}) and renews it; a lease not renewed for
 * {@link Timing#ttl} is dead (its process was killed). Ages are measured on the store's clock:
 * a holder compares others' last-modified times with that of its own key, just written.
 *
 * <p>A session writes its lease, then lists the cleans: if one is alive, it withdraws and waits.
 * A clean writes its lease (which stops new sessions), then waits until no live session lease
 * is left. Whichever wrote second sees the first, so a clean never runs beside a session. A
 * holder that could not renew its lease for half its life stops writing (or deleting) before
 * others could take it for dead.
 */
final class Leases {
    /** How long leases live, how often they are renewed, and how long holders wait for each other. */
    record Timing(Duration ttl, Duration renewEvery, Duration maxWait, Duration poll) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofSeconds(1));
    }

    private static final String SESSION = S3Layout.LEASES + "session/";
    private static final String CLEAN = S3Layout.LEASES + "clean/";
    private static final String WAITING = S3Layout.LEASES + "waiting/";

    private final ObjectStore store;
    private final Timing timing;

    Leases(ObjectStore store, Timing timing) {
        this.store = store;
        this.timing = timing;
    }

    Timing timing() {
        return timing;
    }

    /** A write session's lease: waits while a clean runs. */
    Lease session() {
        long deadline = System.nanoTime() + timing.maxWait().toNanos();
        while (true) {
            Lease lease = take(SESSION);
            if (alive(CLEAN, lease).isEmpty()) {
                return lease;
            }
            lease.close();
            // a key of its own that cleans ignore, so the store's clock can still be read while waiting
            try (Lease waiting = take(WAITING)) {
                waitUntil(deadline, "a clean of " + store.location() + " is running; try again when it is done", () -> {
                    waiting.renewNow();
                    return alive(CLEAN, waiting).isEmpty();
                });
            }
        }
    }

    /** Clean's lease: no session starts once it is written, and it is returned once none is left. */
    Lease clean() {
        Lease lease = take(CLEAN);
        try {
            long deadline = System.nanoTime() + timing.maxWait().toNanos();
            waitUntil(deadline, "write sessions on " + store.location() + " (pushes, publishes) did not end within "
                    + timing.maxWait().toMinutes() + " minutes; try again later", () -> {
                        lease.renewNow();
                        return alive(SESSION, lease).isEmpty();
                    });
            return lease;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /** The live leases under {@code folder} other than {@code own}, judged against own's last-modified time. */
    private List<ObjectStore.Listed> alive(String folder, Lease own) {
        List<ObjectStore.Listed> all;
        try (Stream<ObjectStore.Listed> s = store.list(S3Layout.LEASES)) {
            all = s.toList();
        }
        // the store's "now": our own lease, just written (else the newest lease, should a listing lag)
        Instant now = all.stream().filter(k -> k.key().equals(own.key)).map(ObjectStore.Listed::modified).findFirst()
                .orElseGet(() -> all.stream().map(ObjectStore.Listed::modified).max(Instant::compareTo).orElse(Instant.EPOCH));
        return all.stream()
                .filter(k -> k.key().startsWith(folder) && !k.key().equals(own.key))
                .filter(k -> Duration.between(k.modified(), now).compareTo(timing.ttl()) < 0)
                .toList();
    }

    /** The leases dead for longer than {@code ttl} (killed holders'), for clean to remove. */
    List<String> dead(Lease own) {
        List<ObjectStore.Listed> all;
        try (Stream<ObjectStore.Listed> s = store.list(S3Layout.LEASES)) {
            all = s.toList();
        }
        Instant reference = all.stream().filter(k -> k.key().equals(own.key)).map(ObjectStore.Listed::modified).findFirst()
                .orElse(Instant.EPOCH);
        return all.stream().filter(k -> Duration.between(k.modified(), reference).compareTo(timing.ttl().multipliedBy(2)) > 0)
                .map(ObjectStore.Listed::key).toList();
    }

    private void waitUntil(long deadline, String failure, java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw SpfsException.environment("s3-busy", failure, null);
            }
            try {
                Thread.sleep(timing.poll().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SpfsException.environment("interrupted", "interrupted while waiting: " + failure, e);
            }
        }
    }

    private Lease take(String folder) {
        Lease lease = new Lease(folder + UUID.randomUUID());
        lease.renewNow();
        lease.startRenewing();
        return lease;
    }

    /** A lease this process holds: renewed in the background until closed, then removed. */
    final class Lease implements AutoCloseable {
        private final String key;
        private final byte[] body;
        private volatile long renewedAt;
        private ScheduledExecutorService renewer;
        private boolean closed;

        private Lease(String key) {
            this.key = key;
            this.body = (ProcessHandle.current().pid() + "@" + hostName() + " " + System.getProperty("user.name", "?") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        String key() {
            return key;
        }

        void renewNow() {
            long before = System.nanoTime();
            store.write(key, body, false);
            renewedAt = before;
        }

        private void startRenewing() {
            renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spfs-s3-lease");
                t.setDaemon(true);
                return t;
            });
            long every = timing.renewEvery().toMillis();
            renewer.scheduleWithFixedDelay(() -> {
                try {
                    renewNow();
                } catch (RuntimeException e) {
                    // the next renewal may succeed; requireHeld stops work if none does in time
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        /**
         * Fails if the lease was last renewed more than half its life ago: others may soon take
         * it for dead, so nothing may be written or removed under it any more.
         */
        void requireHeld() {
            long age = System.nanoTime() - renewedAt;
            if (closed || age > timing.ttl().toNanos() / 2) {
                throw SpfsException.environment("s3-lease-lost", "lost the lease on " + store.location()
                        + " (it could not be renewed for " + Duration.ofNanos(age).toSeconds() + " s); nothing more was written", null);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (renewer != null) {
                renewer.shutdownNow();
                try {
                    renewer.awaitTermination(timing.ttl().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                store.delete(key);
            } catch (SpfsException e) {
                // it dies by itself after its time to live
            }
        }
    }

    private static String hostName() {
        return spfs.config.HostName.current();
    }
}
