package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may change a repository, and so the modes its files are made with.
 *
 * <p>Private (the default): directories and files are created as any program creates them
 * (0777 and 0666 less the umask, so 0755/0644 with the usual 022); objects are read-only (0444
 * less the umask); payloads keep the committed file's permission bits, plus read for all, less
 * write for group and others. Other users can read, but change nothing.
 *
 * <p>Shared with a group (the root directory is setgid and group-writable; made by {@code spfs
 * init repo --shared-group GROUP} or the {@code storage.shared_group} setting): directories are
 * setgid and group-writable, so every member can add objects, tags and renders, and new files get
 * the group; files are group-readable. Objects and payloads stay read-only to the group: a
 * member can add data, never change what another wrote.
 *
 * <p>Real spfs makes everything 0777/0666; such repositories are read as they are, and {@code
 * spfs check} warns about them.
 */
final class RepositoryPermissions {
    private static final Set<PosixFilePermission> GROUP_RW = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE);
    private static final int SETGID = 02000;

    private final Optional<GroupPrincipal> sharedGroup;

    private RepositoryPermissions(Optional<GroupPrincipal> sharedGroup) {
        this.sharedGroup = sharedGroup;
    }

    /** Private to its owner. */
    static RepositoryPermissions privateToOwner() {
        return new RepositoryPermissions(Optional.empty());
    }

    /** Shared with {@code group}. */
    static RepositoryPermissions sharedWith(GroupPrincipal group) {
        return new RepositoryPermissions(Optional.of(group));
    }

    /** What {@code root} says: shared with its group when it is setgid and group-writable. */
    static RepositoryPermissions of(Path root) {
        try {
            int mode = (Integer) Files.getAttribute(root, "unix:mode");
            if ((mode & SETGID) != 0 && (mode & 0020) != 0) {
                return sharedWith(Files.getFileAttributeView(root, PosixFileAttributeView.class).readAttributes().group());
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no such root yet, or no POSIX attributes: nothing to share
        }
        return privateToOwner();
    }

    boolean shared() {
        return sharedGroup.isPresent();
    }

    Optional<GroupPrincipal> group() {
        return sharedGroup;
    }

    /** The attribute a new object file is created with: read-only (the umask applies). */
    static FileAttribute<Set<PosixFilePermission>> readOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--r--r--"));
    }

    /** Read-write for all, less the umask: tag files, VERSION, the lock file. */
    static Set<PosixFilePermission> readWrite() {
        return PosixFilePermissions.fromString("rw-rw-rw-");
    }

    /**
     * A payload's permission bits: the committed file's (-1: none known) plus read for all, less
     * write for group and others. The owner's write bit stays when the file had it, so that a
     * render can hard-link the payload as a file of that mode (one inode for many renders); only
     * the owner, who could chmod it anyway, can write it.
     */
    static int payloadBits(int sourceMode) {
        return sourceMode < 0 ? 0644 : ((sourceMode & 0755) | 0444);
    }

    private static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < 9; i++) {
            if ((bits & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    /**
     * Every attribute {@link #payloadAttribute} can give, made once: a copy builds one per payload
     * otherwise (a set, then the attribute's own copy of it), thousands per pull. Indexed by the
     * mode's permission bits; only the 16 that {@link #payloadBits} can give are filled.
     */
    private static final java.util.List<FileAttribute<Set<PosixFilePermission>>> PAYLOAD_ATTRIBUTES = payloadAttributes();

    private static java.util.List<FileAttribute<Set<PosixFilePermission>>> payloadAttributes() {
        java.util.List<FileAttribute<Set<PosixFilePermission>>> all = new java.util.ArrayList<>(
                java.util.Collections.nCopies(01000, null));
        for (int free = 0; free < 16; free++) {
            // owner write and execute, group and others execute: the bits a payload's mode may differ in
            int bits = 0444 | ((free & 1) != 0 ? 0200 : 0) | ((free & 2) != 0 ? 0100 : 0)
                    | ((free & 4) != 0 ? 0010 : 0) | ((free & 8) != 0 ? 0001 : 0);
            all.set(bits, PosixFilePermissions.asFileAttribute(permissions(bits)));
        }
        return java.util.Collections.unmodifiableList(all);
    }

    /** The attribute a new payload file is created with: its permissions ({@link #payloadBits}). */
    static FileAttribute<Set<PosixFilePermission>> payloadAttribute(int sourceMode) {
        return PAYLOAD_ATTRIBUTES.get(payloadBits(sourceMode));
    }

    /** The permission bits of a new object file: read-only (the umask applies). */
    static final int READ_ONLY_BITS = 0444;

    /** The attribute a file with the permission bits {@code bits} is created with. */
    static FileAttribute<Set<PosixFilePermission>> attribute(int bits) {
        FileAttribute<Set<PosixFilePermission>> made = PAYLOAD_ATTRIBUTES.get(bits & 0777);
        return made != null ? made : PosixFilePermissions.asFileAttribute(permissions(bits & 0777));
    }

    /**
     * After a file was created: in a shared repository the group must read it (the umask may have
     * taken that away), and write it when {@code groupWritable} (the lock file). Nothing to do
     * in a private one: the umask decided.
     */
    void share(Path file, boolean groupWritable) throws IOException {
        if (sharedGroup.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> want = EnumSet.noneOf(PosixFilePermission.class);
        want.addAll(p);
        want.add(PosixFilePermission.GROUP_READ);
        if (groupWritable) {
            want.add(PosixFilePermission.GROUP_WRITE);
        }
        if (p.contains(PosixFilePermission.OWNER_EXECUTE)) {
            want.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (!want.equals(p)) {
            Files.setPosixFilePermissions(file, want);
        }
    }

    /** Creates {@code file} empty if missing (the lock file), readable and, when shared, group-writable. */
    void createFile(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(readWrite()));
            share(file, true);
        } catch (FileAlreadyExistsException e) {
            // created by someone else just now
        }
    }

    /**
     * Creates a directory and its missing parents. Private: 0777 less the umask. Shared:
     * setgid and group-writable as well, so every member can add files and they get the group.
     */
    void makeDirs(Path dir) throws IOException {
        for (int attempt = 0;; attempt++) {
            try {
                makeDirsOnce(dir);
                return;
            } catch (NoSuchFileException e) {
                // a parent emptied and removed meanwhile (removing a tag stream's last tag removes
                // its folders): make it again
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    private void makeDirsOnce(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            makeDirsOnce(parent);
        }
        try {
            Files.createDirectory(dir);
            shareDir(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                // made by another writer and removed again (emptied) since: make it again
                throw new NoSuchFileException(dir.toString());
            }
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** In a shared repository: the directory gets the group, setgid and group read-write-search. */
    void shareDir(Path dir) throws IOException {
        if (sharedGroup.isEmpty()) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!view.readAttributes().group().equals(sharedGroup.get())) {
                view.setGroup(sharedGroup.get());
            }
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int want = (mode & 07777) | SETGID | 0070;
            if (want != (mode & 07777)) {
                Files.setAttribute(dir, "unix:mode", want, LinkOption.NOFOLLOW_LINKS);
            }
        } catch (IOException e) {
            // another member's directory, made in a race: its mode is theirs to set (setgid on the
            // parent already gave it the group)
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
        }
    }

    /** Makes {@code path} group-writable as in {@link #shareDir} (files too), for turning a repository shared. */
    void shareExisting(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        var attrs = view.readAttributes();
        if (attrs.isSymbolicLink()) {
            return;
        }
        if (attrs.isDirectory()) {
            shareDir(path);
            return;
        }
        if (sharedGroup.isPresent() && !attrs.group().equals(sharedGroup.get())) {
            view.setGroup(sharedGroup.get());
        }
        boolean writable = path.getFileName().toString().equals("gc.lock");
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        p.addAll(attrs.permissions());
        p.add(PosixFilePermission.GROUP_READ);
        if (writable) {
            p.addAll(GROUP_RW);
        }
        if (!p.equals(attrs.permissions())) {
            Files.setPosixFilePermissions(path, p);
        }
    }
}
