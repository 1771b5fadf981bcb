package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/**
 * A user's render folder ({@code renders/<user>}): what root mounts as /spfs comes from it, so it
 * must be the user's alone. It is kept 0700 (renders carry the committed modes, so a directory of
 * a render may be world-writable; nobody else may reach it). One that is not owned by the user,
 * is a symlink, or is open to others (as real spfs and older versions made it) may hold files
 * another user planted: it is moved aside (to {@code renders/.discarded-<user>-<uuid>}, removed
 * by the next clean) and made anew, so everything is rendered again.
 */
public final class UserRenders {
    /** Prefix of render folders moved aside as untrusted. */
    public static final String DISCARDED = ".discarded-";

    private UserRenders() {}

    static Path prepare(Path renders, String user, RepositoryPermissions perms) {
        Path dir = renders.resolve(user);
        try {
            if (trusted(dir)) {
                return dir;
            }
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                perms.makeDirs(renders);
                try {
                    // 0700 from the start (the umask only removes bits): never seen open, even by a
                    // process of ours racing to make it too
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by another process meanwhile: judged below like any other
                }
                dropSetgid(dir);
                if (trusted(dir)) {
                    return dir;
                }
            }
            // looked at again just before: another process of this user may have replaced it meanwhile
            if (!trusted(dir)) {
                Path aside = renders.resolve(DISCARDED + user + "-" + UUID.randomUUID());
                try {
                    Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    // moved aside by another process of ours
                }
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // made by another process of ours meanwhile
                }
                dropSetgid(dir);
            }
            if (!trusted(dir)) {
                throw SpfsException.environment("untrusted-renders", "cannot make " + dir + " private to " + user
                        + "; renders cannot be made safely", null);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            throw SpfsException.environment("permission-denied", "cannot prepare renders in " + renders + ": permission"
                    + " denied (this repository is private to its owner; share it with 'spfs init repo --shared-group GROUP')", e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot prepare renders in " + renders + ": " + IoMessages.describe(e), e);
        }
        return dir;
    }

    /** A shared repository's directories pass setgid on; this one is the user's alone (exactly 0700). */
    private static void dropSetgid(Path dir) throws IOException {
        Map<String, Object> a = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        if ((Integer) a.get("uid") == currentUid() && ((Integer) a.get("mode") & 07777) != 0700) {
            Files.setAttribute(dir, "unix:mode", 0700, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** A directory (not a link) of the current user that nobody else can enter. */
    static boolean trusted(Path dir) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(dir, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        int mode = (Integer) a.get("mode");
        return (mode & 0170000) == 0040000 && (Integer) a.get("uid") == currentUid() && (mode & 0077) == 0;
    }

    /** The effective user id of this process (Java has no call for it; /proc/self is owned by it). */
    public static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot tell the current user id: " + IoMessages.describe(e), e);
        }
    }
}
