package spfs.storage.tar;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import spfs.error.SpfsException;

/** Safe unpacking and atomic packing of repository archives (Commons Compress). */
final class TarArchives {
    private TarArchives() {}

    /**
     * Unpacks {@code archive} into the empty directory {@code into}. Absolute names, ".."
     * components, links and devices are refused: a repository holds only files and directories.
     */
    static void unpack(Path archive, Path into) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            // every byte of a plain tar entry is in the archive: more out than in means expansion
            long budget = Files.size(archive);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                Path target = safeTarget(archive, into, name);
                if (e.isSparse()) {
                    // a few KB can claim gigabytes of holes, written out in full: spfs never writes these
                    throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has the sparse entry '"
                            + name + "' (claiming " + e.getRealSize() + " bytes); repository archives hold plain files only");
                }
                if (e.isSymbolicLink() || e.isLink() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has '" + name
                            + "', which is not a plain file or directory; refusing to unpack it");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    budget -= copyBounded(tar, target, budget, archive, name);
                } else {
                    throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has '" + name
                            + "', which is not a plain file or directory; refusing to unpack it");
                }
            }
        } catch (IOException e) {
            throw SpfsException.badInput("invalid-archive", "cannot read tar archive " + archive + ": " + spfs.error.IoMessages.describe(e));
        }
    }

    /** Copies one entry, failing once more than {@code budget} bytes came out; returns the size. */
    private static long copyBounded(InputStream in, Path target, long budget, Path archive, String name) throws IOException {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target)) {
            int r;
            while ((r = in.read(buf)) > 0) {
                n += r;
                if (n > budget) {
                    throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " expands past its own size"
                            + " at '" + name + "'; refusing to unpack it");
                }
                out.write(buf, 0, r);
            }
        }
        return n;
    }

    private static Path safeTarget(Path archive, Path into, String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        if (n.isEmpty() || n.equals(".") || n.equals("./")) {
            return into;
        }
        if (n.startsWith("/") || n.contains("\\") || n.contains("\0")) {
            throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has the unsafe path '" + name + "'");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has the unsafe path '" + name
                        + "' (it climbs out with '..')");
            }
        }
        Path t = into.resolve(n).normalize();
        if (!t.startsWith(into)) {
            throw SpfsException.badInput("unsafe-archive", "tar archive " + archive + " has the unsafe path '" + name + "'");
        }
        return t;
    }

    /** Packs {@code dir} into a temp file next to {@code archive}, fsyncs it and renames it over. */
    static void pack(Path dir, Path archive) {
        Path tmp = archive.resolveSibling("." + archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> !p.equals(dir)).sorted().forEach(paths::add);
            }
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW));
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(raw)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path p : paths) {
                    String name = dir.relativize(p).toString().replace('\\', '/');
                    if (Files.isSymbolicLink(p) || name.endsWith(".lock") || name.endsWith(".tmp")) {
                        continue;
                    }
                    TarArchiveEntry e = new TarArchiveEntry(p.toFile(), Files.isDirectory(p) ? name + "/" : name);
                    tar.putArchiveEntry(e);
                    if (Files.isRegularFile(p)) {
                        Files.copy(p, tar);
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write tar archive " + archive + ": " + spfs.error.IoMessages.describe(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
