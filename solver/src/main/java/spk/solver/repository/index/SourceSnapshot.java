package spk.solver.repository.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * What the files an index was made from looked like: each one's path, size, modification and
 * change times and inode. An index is fresh only while every file still looks the same. A file
 * changed within {@link #RACY_NS} of the snapshot could change again within the same timestamp
 * tick, so for those the content's checksum must match too (git's "racily clean" entries).
 */
public record SourceSnapshot(long takenNs, List<FileState> files) {
    /** File timestamps are coarse (a kernel tick, or seconds on some file systems). */
    static final long RACY_NS = 2_000_000_000L;

    public SourceSnapshot {
        files = List.copyOf(files);
    }

    /** One file's state; {@code crc} is the CRC-32C of the content the index was made from. */
    public record FileState(String path, long size, long mtimeNs, long ctimeNs, long inode, int crc) {
        boolean sameStat(FileState o) {
            return path.equals(o.path) && size == o.size && mtimeNs == o.mtimeNs && ctimeNs == o.ctimeNs
                    && inode == o.inode;
        }
    }

    /** The files under {@code root} that {@code include} accepts, sorted by path, stat'ed now (crc 0). */
    public static SourceSnapshot take(Path root, Predicate<Path> include) throws IOException {
        long now = nowNs();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(Files::isRegularFile).filter(include).sorted().toList();
        }
        List<FileState> out = new ArrayList<>(paths.size());
        for (Path p : paths) {
            out.add(stat(root, p));
        }
        return new SourceSnapshot(now, out);
    }

    private static long nowNs() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static FileState stat(Path root, Path p) throws IOException {
        // through symbolic links, as the specs are read: a changed target is a changed file
        Map<String, Object> a = Files.readAttributes(p, "unix:size,lastModifiedTime,ctime,ino");
        return new FileState(root.relativize(p).toString(), (Long) a.get("size"),
                ns((FileTime) a.get("lastModifiedTime")), ns((FileTime) a.get("ctime")), (Long) a.get("ino"), 0);
    }

    private static long ns(FileTime t) {
        java.time.Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    public static int crc(byte[] content) {
        CRC32C c = new CRC32C();
        c.update(content);
        return (int) c.getValue();
    }

    /** The same snapshot with each file's checksum, given the content read after the snapshot. */
    public SourceSnapshot withContent(Map<String, byte[]> contentByPath) {
        List<FileState> out = new ArrayList<>(files.size());
        for (FileState f : files) {
            byte[] b = contentByPath.get(f.path());
            out.add(new FileState(f.path(), f.size(), f.mtimeNs(), f.ctimeNs(), f.inode(), b == null ? 0 : crc(b)));
        }
        return new SourceSnapshot(takenNs, out);
    }

    /**
     * This snapshot dated now, when that costs no check: every file changed within {@link #RACY_NS}
     * before the snapshot but not within it before now is read again (its stat and content
     * must still be what was indexed; if not, this snapshot is returned unchanged and readers
     * find the index stale). Without it, an index made right after its files were written
     * (a catalog generated, copied or unpacked, then indexed) would have every reader read and
     * checksum every such file for ever.
     */
    public SourceSnapshot settled(Path root) throws IOException {
        return settled(root, nowNs());
    }

    /** As {@link #settled(Path)}, {@code now} being the time before any file is read again. */
    SourceSnapshot settled(Path root, long now) throws IOException {
        for (FileState f : files) {
            long changed = Math.max(f.mtimeNs(), f.ctimeNs());
            if (changed >= takenNs - RACY_NS && changed < now - RACY_NS
                    && (!f.sameStat(stat(root, root.resolve(f.path())))
                            || crc(Files.readAllBytes(root.resolve(f.path()))) != f.crc())) {
                return this;
            }
        }
        return new SourceSnapshot(now, files);
    }

    /**
     * Why the files under {@code root} no longer match this snapshot, or null when they do:
     * the same files, each with the same stat, and each recently changed one with the same content.
     */
    public String staleness(Path root, SourceSnapshot now) throws IOException {
        if (now.files.size() != files.size()) {
            return files.size() + " files were indexed, " + now.files.size() + " are there now";
        }
        for (int i = 0; i < files.size(); i++) {
            FileState was = files.get(i);
            FileState is = now.files.get(i);
            if (!was.sameStat(is)) {
                return was.path() + " changed";
            }
            if (Math.max(was.mtimeNs(), was.ctimeNs()) >= takenNs - RACY_NS
                    && crc(Files.readAllBytes(root.resolve(was.path()))) != was.crc()) {
                return was.path() + " changed";
            }
        }
        return null;
    }
}
