package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The process umask, found once by creating a probe file: Java has no call for it. Knowing it
 * saves a chmod per written file whenever creation already yields the wanted mode.
 */
final class Umask {
    private Umask() {}

    /** Permission bits the umask removes; computed on first use (holder idiom, immutable after). */
    private static final class Holder {
        static final Set<PosixFilePermission> MASKED = probe();
    }

    private static Set<PosixFilePermission> probe() {
        try {
            Path p = Files.createTempFile("spfs-umask", ".probe",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
            try {
                Set<PosixFilePermission> got = Files.getPosixFilePermissions(p);
                Set<PosixFilePermission> masked = java.util.EnumSet.allOf(PosixFilePermission.class);
                masked.removeAll(got);
                return Set.copyOf(masked);
            } finally {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // assume the worst: every bit masked, so every file gets its chmod
            return Set.of(PosixFilePermission.values());
        }
    }

    /** Whether a file created with {@code perms} keeps all of them. */
    static boolean keeps(Set<PosixFilePermission> perms) {
        for (PosixFilePermission p : perms) {
            if (Holder.MASKED.contains(p)) {
                return false;
            }
        }
        return true;
    }
}
