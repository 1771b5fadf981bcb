package spfs.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownReferenceException;
import spfs.storage.TagDatabase;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TagStreamFormat;
import spfs.tag.TagTime;

/** Tag streams as files under {@code tags/} (or {@code tags/<ns>#ns/}), written under a lock file. */
final class FsTagStore implements TagDatabase {
    static final String NAMESPACE_SUFFIX = "#ns";
    private static final String TAG_EXT = ".tag";

    /**
     * How a stream's lock file is taken ({@link TagLock#acquire}, with the repository's permissions). Another writer may remove the
     * stream's folder up to the moment the lock file exists; tests act at that moment through this.
     */
    @FunctionalInterface
    interface StreamLocking {
        TagLock acquire(Path lockFile) throws IOException;
    }

    private final Path tagsRoot;
    private final Path root;
    private final Optional<String> namespace;
    private final RepositoryPermissions perms;
    private final StreamLocking locking;

    FsTagStore(Path tagsRoot, Optional<String> namespace, RepositoryPermissions perms) {
        this(tagsRoot, namespace, perms, lockFile -> TagLock.acquire(lockFile, perms));
    }

    FsTagStore(Path tagsRoot, Optional<String> namespace, RepositoryPermissions perms, StreamLocking locking) {
        this.tagsRoot = tagsRoot;
        this.namespace = namespace;
        this.perms = perms;
        this.locking = locking;
        namespace.ifPresent(FsTagStore::validateNamespace);
        this.root = namespace.map(ns -> tagsRoot.resolve(ns + NAMESPACE_SUFFIX)).orElse(tagsRoot);
    }

    static void validateNamespace(String ns) {
        if (ns.isEmpty() || ns.contains("/") || ns.equals(".") || ns.equals("..") || ns.contains("#")) {
            throw SpfsException.badInput("invalid-tag-namespace",
                    "invalid tag namespace '" + ns + "': it must be one path component without '#'");
        }
    }

    /** The same tags directory seen in another namespace (or none). */
    FsTagStore inNamespace(Optional<String> ns) {
        return new FsTagStore(tagsRoot, ns, perms, locking);
    }

    /** Namespaces present under tags/. */
    List<String> namespaces() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(tagsRoot)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tagsRoot)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.endsWith(NAMESPACE_SUFFIX) && Files.isDirectory(p)) {
                    out.add(n.substring(0, n.length() - NAMESPACE_SUFFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public Optional<String> tagNamespace() {
        return namespace;
    }

    private Path file(TagSpec spec) {
        return root.resolve(spec.path() + TAG_EXT);
    }

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        Path f = file(spec);
        byte[] data;
        try (java.io.InputStream in = StoredFiles.open(f)) {
            data = in.readAllBytes();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (StoredFiles.NotARegularFile e) {
            throw SpfsException.environment("corrupt-tag", "tag file " + f + " is corrupt: " + e.getMessage()
                    + " (run 'spfs check')", e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read tag file " + f + ": " + spfs.error.IoMessages.describe(e), e);
        }
        try {
            return TagStreamFormat.decode(data);
        } catch (RuntimeException e) {
            throw SpfsException.environment("corrupt-tag", "tag file " + f + " is corrupt: " + spfs.error.IoMessages.describe(e), e);
        }
    }

    @Override
    public void insertTag(Tag tag) {
        update(tag.spec(0), versions -> {
            if (versions.contains(tag)) {
                return null;
            }
            List<Tag> l = new ArrayList<>(versions);
            l.add(tag);
            l.sort(Tag.ORDER.reversed());
            return l;
        });
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        Tag[] result = new Tag[1];
        update(spec.withVersion(0), versions -> {
            Tag head = versions.isEmpty() ? null : versions.get(0);
            if (head != null && head.target().equals(target)) {
                result[0] = head;
                return null;
            }
            // time must not go backwards within a stream, or the new head would sort below the old
            java.time.Instant now = TagTime.now();
            if (head != null && !now.isAfter(head.time())) {
                now = head.time().plusNanos(1000);
            }
            Tag t = new Tag(spec.org(), spec.name(), target, head == null ? Digest.NULL : head.digest(), user, now);
            result[0] = t;
            List<Tag> l = new ArrayList<>(versions);
            l.add(t);
            l.sort(Tag.ORDER.reversed());
            return l;
        });
        return result[0];
    }

    @Override
    public void removeTag(Tag tag) {
        boolean[] found = new boolean[1];
        update(tag.spec(0), versions -> {
            List<Tag> l = new ArrayList<>(versions);
            found[0] = l.remove(tag);
            return found[0] ? l : null;
        });
        if (!found[0]) {
            throw new UnknownReferenceException(tag.path());
        }
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        Path f = file(spec);
        try {
            if (!Files.deleteIfExists(f)) {
                throw new UnknownReferenceException(spec.path());
            }
            Path dir = f.getParent();
            while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    break;
                }
                dir = dir.getParent();
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot remove " + f + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    /** Rewrites a stream under its lock; {@code change} returns the new versions or null for none. */
    @SuppressWarnings("try") // the lock is held for the block, never used in it
    private void update(TagSpec spec, java.util.function.UnaryOperator<List<Tag>> change) {
        Path f = file(spec);
        try {
            perms.makeDirs(f.getParent());
            Path lock = f.resolveSibling(f.getFileName() + ".lock");
            try (TagLock held = locking.acquire(lock)) {
                List<Tag> next = change.apply(readTagStream(spec));
                if (next == null) {
                    return;
                }
                if (next.isEmpty()) {
                    Files.deleteIfExists(f);
                    return;
                }
                Path work = f.resolveSibling(f.getFileName() + ".work");
                // a .work file left by a killed writer (or planted) is replaced, never written through
                Files.deleteIfExists(work);
                DurableFiles.writeTemp(work, TagStreamFormat.encode(next), RepositoryPermissions.readWrite(), true);
                perms.share(work, false);
                DurableFiles.moveIntoPlace(work, f);
                DurableFiles.syncDir(f.getParent());
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write tag " + spec.path() + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        List<TagSpec> out = new ArrayList<>();
        collect(root, "", out);
        return out.stream();
    }

    private void collect(Path dir, String prefix, List<TagSpec> out) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String n : names) {
            Path p = dir.resolve(n);
            if (n.endsWith(NAMESPACE_SUFFIX)) {
                continue;
            }
            if (Files.isDirectory(p)) {
                collect(p, prefix + n + "/", out);
            } else if (n.endsWith(TAG_EXT)) {
                String path = prefix + n.substring(0, n.length() - TAG_EXT.length());
                if (TagSpec.isValid(path)) {
                    out.add(TagSpec.parse(path));
                }
            }
        }
    }

    /** Compiled once: a solve lists a package's tag folder for each of its versions. */
    private static final java.util.regex.Pattern EDGE_SLASHES = java.util.regex.Pattern.compile("^/+|/+$");

    @Override
    public List<TagListing> lsTags(String path) {
        String clean = EDGE_SLASHES.matcher(path).replaceAll("");
        Path dir = clean.isEmpty() ? root : root.resolve(clean).normalize();
        if (!dir.startsWith(root)) {
            throw SpfsException.badInput("invalid-tag", "invalid tag path '" + path + "'");
        }
        TreeSet<String> names = new TreeSet<>();
        List<TagListing> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String n : names) {
            if (n.endsWith(NAMESPACE_SUFFIX)) {
                continue;
            }
            if (Files.isDirectory(dir.resolve(n))) {
                out.add(new TagListing(n + "/", true));
            } else if (n.endsWith(TAG_EXT)) {
                out.add(new TagListing(n.substring(0, n.length() - TAG_EXT.length()), false));
            }
        }
        return out;
    }
}
