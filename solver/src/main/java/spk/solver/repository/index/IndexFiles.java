package spk.solver.repository.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Opens a repository's index file only when it can be used: undamaged, of the expected kind,
 * written by someone as trusted as the repository's own files, and fresh. Anything else is told
 * to a warning consumer and the caller reads the specs instead.
 */
public final class IndexFiles {
    private IndexFiles() {}

    /** Where an index's sources are: the files under {@code root} that {@code include} accepts. */
    public record Sources(Path root, Predicate<Path> include) {
        /** The sources as they are now; a missing root holds no files. */
        public SourceSnapshot now() throws IOException {
            if (!Files.isDirectory(root)) {
                return new SourceSnapshot(0, java.util.List.of());
            }
            return SourceSnapshot.take(root, include);
        }
    }

    /**
     * The index in {@code file}, when there is one that can be used (see above); {@code owner}
     * is the repository folder whose owner may write it; {@code refresh} is the command that
     * remakes it, named in warnings.
     */
    public static Optional<RepositoryIndex> openFresh(Path file, Path owner, int kind, Sources sources,
            String refresh, Consumer<String> warnings) {
        Optional<RepositoryIndex> index;
        try {
            index = open(file, owner, kind, warnings);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("cannot read the index " + file + " (" + e.getMessage() + "); reading the specs");
            return Optional.empty();
        } catch (CorruptIndexException e) {
            warnings.accept("the index " + file + " cannot be used (" + e.getMessage() + "); reading the specs");
            return Optional.empty();
        }
        if (index.isEmpty()) {
            return index;
        }
        try {
            String stale = index.get().snapshot().staleness(sources.root(), sources.now());
            if (stale == null) {
                return index;
            }
            warnings.accept("the index " + file + " is out of date (" + stale + "); reading the specs (run '"
                    + refresh + "' to refresh it)");
        } catch (CorruptIndexException e) {
            warnings.accept("the index " + file + " cannot be used (" + e.getMessage() + "); reading the specs");
        } catch (IOException e) {
            warnings.accept("cannot check the index " + file + " (" + e.getMessage() + "); reading the specs");
        }
        return Optional.empty();
    }

    /** The index in {@code file} whether fresh or not, when it is trusted and undamaged (to reuse its entries). */
    public static Optional<RepositoryIndex> openAny(Path file, Path owner, int kind) {
        try {
            return open(file, owner, kind, w -> {});
        } catch (IOException | CorruptIndexException e) {
            return Optional.empty();
        }
    }

    /** The trusted, undamaged index of this kind in {@code file}, fresh or not; empty when it is not trusted. */
    private static Optional<RepositoryIndex> open(Path file, Path owner, int kind, Consumer<String> warnings)
            throws IOException {
        if (!trusted(file, owner, warnings)) {
            return Optional.empty();
        }
        RepositoryIndex index = RepositoryIndex.read(file.toString(), map(file));
        if (index.kind() != kind) {
            throw new CorruptIndexException("it was made for another kind of repository");
        }
        return Optional.of(index);
    }

    /**
     * The file's content, mapped rather than read: a solve decodes only the builds it considers,
     * so most of a large index is never touched (an index is replaced by a rename, never changed
     * in place, so the mapping stays whole).
     */
    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new IOException("over 2 GiB, more than an index can be");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    /**
     * An index is as trusted as the specs beside it only when written by someone who could have
     * written those: the repository folder's owner, this user, root, or, in a folder its group
     * may write to (a shared repository), a member of that group. One planted by anyone else is
     * ignored.
     */
    private static boolean trusted(Path file, Path owner, Consumer<String> warnings) throws IOException {
        Map<String, Object> index = Files.readAttributes(file, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            warnings.accept("the index " + file + " is not a regular file; reading the specs");
            return false;
        }
        Map<String, Object> folder = Files.readAttributes(owner, "unix:uid,gid,mode");
        int uid = (Integer) index.get("uid");
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean sharedGroup = index.get("gid").equals(folder.get("gid")) && ((Integer) folder.get("mode") & 0020) != 0;
        if (uid != 0 && uid != me && uid != (Integer) folder.get("uid") && !sharedGroup) {
            warnings.accept("the index " + file + " belongs to another user (uid " + uid
                    + ") than the repository; reading the specs");
            return false;
        }
        return true;
    }
}
