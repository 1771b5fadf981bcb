package spk.cli.packaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Files the build rewrites in its own output (picocli's jar, the command index classes), replaced
 * whole: written beside under a temporary name, synced, renamed over the old one, so that a build
 * killed half-way leaves the old file or the new one, never a mix.
 */
public final class BuildOutputs {
    private BuildOutputs() {}

    /** Writes a replacement into {@code temp}; returns false when there is nothing to replace. */
    @FunctionalInterface
    public interface Contents {
        boolean writeTo(Path temp) throws IOException;
    }

    /**
     * Replaces {@code file} by what {@code contents} writes, keeping the old file's mode (not
     * createTempFile's owner-only one: these files are read by every user of the launchers).
     * Returns whether it was replaced; the temporary file is gone either way.
     */
    public static boolean replace(Path file, Contents contents) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            if (!contents.writeTo(temp)) {
                return false;
            }
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            }
            try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
