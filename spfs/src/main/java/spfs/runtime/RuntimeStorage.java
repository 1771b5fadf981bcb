package spfs.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownReferenceException;
import spfs.graph.Blob;
import spfs.graph.ObjectFormat;
import spfs.graph.Platform;
import spfs.mount.MountBackend;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.WriteSession;
import spfs.storage.fs.FsRepository;
import spfs.storage.fs.RecordLock;
import spfs.tag.TagSpec;

/**
 * Runtime records kept in the local repository as spfs keeps them: the JSON record in a blob
 * tagged {@code spfs/runtimes/meta/NAME}, and a platform of the stack tagged
 * {@code spfs/runtimes/data/NAME} so that clean keeps the runtime's layers. Tag namespaces are
 * ignored, so every runtime on the host is listed. Each save pushes new tag versions; tag files
 * are replaced atomically (temp file, fsync, rename) under their lock. Several processes change
 * one record (launcher, monitor, commands inside the runtime): every change is a read, modify
 * and write under one repository-wide lock ({@link #update}), never a blind save of a copy
 * read earlier, which would drop what another process wrote in between.
 */
public final class RuntimeStorage {
    private static final String META = "spfs/runtimes/meta/";
    private static final String DATA = "spfs/runtimes/data/";

    private final FsRepository repo;
    private final ObjectFormat format;
    private final String tagAuthor;

    public RuntimeStorage(FsRepository repo, ObjectFormat format, String tagAuthor) {
        this.repo = repo.withNamespace(Optional.empty());
        this.format = format;
        this.tagAuthor = tagAuthor;
    }

    /** The repository the records (and durable upper directories) live in. */
    public FsRepository repository() {
        return repo;
    }

    /** Where a durable runtime's upper and work directories live. */
    public Path durablePath(String name) {
        return repo.root().resolve("durable_edits").resolve(name);
    }

    /**
     * A new runtime record (not yet saved): a random name unless given. A durable runtime keeps
     * its upper directory in the repository, so that it survives the runtime and can be rerun.
     */
    public RuntimeData create(Optional<String> name, boolean durable, MountBackend backend, Optional<String> tmpfsSize) {
        String n = name.orElseGet(() -> UUID.randomUUID().toString());
        validateName(n);
        if (exists(n)) {
            throw SpfsException.badInput("runtime-exists", "a runtime named '" + n + "' already exists");
        }
        RuntimeConfig config = RuntimeConfig.under(RuntimeConfig.RUNTIME_DIR, tmpfsSize, backend).withDurable(durable);
        if (durable) {
            Path root = durablePath(n);
            Path upper = root.resolve("upper");
            for (String other : names()) {
                try {
                    if (read(other).config().upperDir().equals(upper)) {
                        throw SpfsException.badInput("upper-in-use", "the upper directory " + upper
                                + " is already used by runtime '" + other + "'");
                    }
                } catch (UnknownRuntimeException e) {
                    // removed while we looked
                }
            }
            config = config.withUpperAndWork(upper, root.resolve("work"));
        }
        Author author = new Author(System.getProperty("user.name", "unknown"), hostName(), Author.now());
        return new RuntimeData(n, author, Status.initial(), config);
    }

    /** Runtime names become tag names, so they follow the tag name rules. */
    public static void validateName(String name) {
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
                || name.startsWith(".")) {
            throw SpfsException.badInput("invalid-runtime-name", "invalid runtime name '" + name
                    + "': use letters, digits, '-', '_' and '.'");
        }
    }

    public boolean exists(String name) {
        return !repo.readTagStream(TagSpec.parse(META + name)).isEmpty();
    }

    /**
     * Stores {@code rt} whole, replacing any record of that name: for the launcher, which owns
     * the record until it spawns the monitor and starts the command. From then on, other
     * processes change the record too, and every change goes through {@link #update}.
     */
    public void put(RuntimeData rt) {
        try (RecordLock held = repo.runtimeRecordLock()) {
            write(rt);
        }
    }

    /**
     * Reads the current record, applies {@code change} and stores the result, all under the
     * repository's runtime-record lock, so that concurrent writers (the monitor recording its
     * pid, a commit pushing a layer, an edit making the runtime durable) never undo each other.
     * Returns the record as stored.
     */
    public RuntimeData update(String name, UnaryOperator<RuntimeData> change) {
        try (RecordLock held = repo.runtimeRecordLock()) {
            RuntimeData next = change.apply(read(name));
            write(next);
            return next;
        }
    }

    /**
     * Gives up a runtime whose processes are gone, under the same lock as {@link #update}: a
     * durable one (as it is stored now, perhaps made durable from inside) is kept for a rerun,
     * without owner, monitor or namespace; any other is removed. Nothing happens when the record
     * is gone, or when {@code ours} does not hold of it: a durable runtime may already have been
     * rerun by another process, whose record this is now.
     */
    public void release(String name, Predicate<RuntimeData> ours) {
        try (RecordLock held = repo.runtimeRecordLock()) {
            RuntimeData rt;
            try {
                rt = read(name);
            } catch (UnknownRuntimeException e) {
                return;
            }
            if (!ours.test(rt)) {
                return;
            }
            if (rt.config().durable()) {
                write(rt.withStatus(rt.status().withRunning(false).withOwner(Optional.empty()).withMonitor(Optional.empty()))
                        .withConfig(rt.config().withMountNamespace(Optional.empty())));
            } else {
                removeUnlocked(name);
            }
        }
    }

    /** Writes the record and its stack platform, then points both tags at them. */
    private void write(RuntimeData rt) {
        Platform platform = rt.toPlatform(format);
        byte[] json = RuntimeCodec.encode(rt).getBytes(StandardCharsets.UTF_8);
        // one session for all five writes (each of the repository's own write methods opens one,
        // taking the repository's lock anew): the record's payload and blob are made durable
        // together, then the platform, then the tags that name them
        try (WriteSession s = repo.beginWrite()) {
            PayloadWrite w = s.writePayload(new ByteArrayInputStream(json), -1);
            s.writeObject(new Blob(w.digest(), w.size(), format));
            Digest platformDigest = s.writeObject(platform);
            s.pushTag(TagSpec.parse(META + rt.name()), w.digest(), tagAuthor);
            s.pushTag(TagSpec.parse(DATA + rt.name()), platformDigest, tagAuthor);
        }
    }

    public RuntimeData read(String name) {
        validateName(name);
        Digest d;
        try {
            d = repo.resolveTag(TagSpec.parse(META + name)).target();
        } catch (UnknownReferenceException e) {
            throw new UnknownRuntimeException(name, repo.root());
        }
        try (InputStream in = repo.openPayload(d)) {
            return RuntimeCodec.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (spfs.error.UnknownObjectException e) {
            throw new UnknownRuntimeException(name, repo.root());
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read runtime " + name + ": " + e.getMessage(), e);
        }
    }

    /** Names of all stored runtimes. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        List<TagListing> listing;
        try {
            listing = repo.lsTags(META.substring(0, META.length() - 1));
        } catch (RuntimeException e) {
            return out;
        }
        for (TagListing t : listing) {
            if (!t.folder()) {
                out.add(t.name());
            }
        }
        return out;
    }

    /** Every readable runtime; unreadable records are reported to {@code problems}. */
    public List<RuntimeData> list(java.util.function.Consumer<String> problems) {
        List<RuntimeData> out = new ArrayList<>();
        for (String n : names()) {
            try {
                out.add(read(n));
            } catch (UnknownRuntimeException e) {
                // removed while we listed
            } catch (SpfsException e) {
                problems.accept("cannot read runtime " + n + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Deletes a runtime's durable directory (if any), then its data tag, then its record. */
    public void remove(String name) {
        validateName(name);
        try (RecordLock held = repo.runtimeRecordLock()) {
            removeUnlocked(name);
        }
    }

    private void removeUnlocked(String name) {
        Path durable = durablePath(name);
        if (Files.exists(durable)) {
            DirectoryRemoval.removeTree(durable);
        }
        for (String prefix : List.of(DATA, META)) {
            try {
                repo.removeTagStream(TagSpec.parse(prefix + name));
            } catch (UnknownReferenceException e) {
                // already gone
            }
        }
    }

    /** The host name from the kernel (no DNS look-up, which may be slow). */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
