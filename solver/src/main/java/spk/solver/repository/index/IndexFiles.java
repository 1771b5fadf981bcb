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
        ByteBuffer data;
        try {
            if (!trusted(file, owner, warnings)) {
                return Optional.empty();
            }
            data = map(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("cannot read the index " + file + " (" + e.getMessage() + "); reading the specs");
            return Optional.empty();
        }
        try {
            RepositoryIndex index = RepositoryIndex.read(file.toString(), data);
            if (index.kind() != kind) {
                throw new CorruptIndexException("it was made for another kind of repository");
            }
            String stale = index.snapshot().staleness(sources.root(), sources.now());
            if (stale != null) {
                warnings.accept("the index " + file + " is out of date (" + stale + "); reading the specs (run '"
                        + refresh + "' to refresh it)");
                return Optional.empty();
            }
            return Optional.of(index);
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
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || !trusted(file, owner, w -> {})) {
                return Optional.empty();
            }
            RepositoryIndex index = RepositoryIndex.read(file.toString(), map(file));
            return index.kind() == kind ? Optional.of(index) : Optional.empty();
        } catch (IOException | CorruptIndexException e) {
            return Optional.empty();
        }
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
