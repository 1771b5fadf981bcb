package spfs.storage.fs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for the temp files of one repository handle: 128 random bits drawn once, then a counter.
 * A random UUID per file cost a commit of 8,800 files about 0.15 s of CPU and made its writers
 * queue on the generator's lock (docs/benchmarks.md). Guessing a name gains nobody anything:
 * temp files are created with O_EXCL ({@code CREATE_NEW}), which never opens or follows an entry
 * that is already there, so a name taken first makes one write fail and nothing else; the random
 * part keeps the names of different processes and handles apart.
 */
final class TempNames {
    private final AtomicLong next = new AtomicLong();
    /** Drawn on the first write, so that handles that only read never touch the generator. */
    private volatile String prefix;

    /** A name not handed out before by any handle. */
    String next() {
        String p = prefix;
        if (p == null) {
            p = draw();
        }
        return p + Long.toString(next.getAndIncrement(), 36);
    }

    private synchronized String draw() {
        if (prefix == null) {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            prefix = HexFormat.of().formatHex(b) + "-";
        }
        return prefix;
    }
}
