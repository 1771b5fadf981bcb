package spfs.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.storage.fs.FsRepository;
import spfs.storage.fs.UserRenders;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * Materialises a tree as real files: hard links through per-user proxies (payload linked when
 * its mode and owner already match, else copied once per mode), plain hard links, or copies.
 */
public final class Renderer {
    private static final int LINK_RETRIES = 3;

    private final FsRepository repo;
    private final RenderStrategy strategy;
    private final int workers;
    private Path userRoot;
    private final int uid;
    private final boolean sharePayloads;

    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong linked = new AtomicLong();
    private final AtomicLong existed = new AtomicLong();
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong copiedLimit = new AtomicLong();
    private final AtomicLong symlinks = new AtomicLong();
    private final AtomicLong dirs = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    public Renderer(FsRepository repo, RenderStrategy strategy, int workers, boolean sharePayloadsBetweenUsers) {
        this.repo = repo;
        this.strategy = strategy;
        this.workers = Math.max(1, workers);
        this.sharePayloads = sharePayloadsBetweenUsers;
        this.uid = UserRenders.currentUid();
    }

    /** This user's render folder, checked (and made private) once per renderer. */
    private synchronized Path userRoot() {
        if (userRoot == null) {
            userRoot = repo.userRenders();
        }
        return userRoot;
    }

    /** Renders {@code tree} into {@code target}, which must not exist or be empty (unless allowed). */
    public RenderSummary renderInto(DirNode tree, Path target, boolean allowExisting) {
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw SpfsException.badInput("not-a-directory", "'" + target + "' exists and is not a directory");
                }
                if (!allowExisting) {
                    try (var s = Files.list(target)) {
                        if (s.findAny().isPresent()) {
                            throw SpfsException.badInput("not-empty", "'" + target
                                    + "' is not empty (use --allow-existing to render into it anyway)");
                        }
                    }
                }
            } else {
                Files.createDirectories(target);
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot prepare " + target + ": " + spfs.error.IoMessages.describe(e), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spfs-render");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            List<Runnable> chmods = new ArrayList<>();
            walk(tree, target, pool, pending, chmods);
            for (Future<?> f : pending) {
                f.get();
            }
            // deepest first, so a read-only directory is closed only after its children exist
            for (int i = chmods.size() - 1; i >= 0; i--) {
                chmods.get(i).run();
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "render failed: " + spfs.error.IoMessages.describe(e), e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw SpfsException.environment("io", "render failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "render interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        return summary();
    }

    /**
     * Renders a manifest into the repository's render store ({@code renders/<user>/XX/...}):
     * built in work/ and renamed into place; if another process got there first, theirs stands.
     */
    public Path renderManifest(Digest manifest, DirNode tree) {
        Path userRoot = userRoot();
        String s = manifest.toString();
        Path done = userRoot.resolve(s.substring(0, 2)).resolve(s.substring(2));
        if (usable(done)) {
            return done;
        }
        Path work = userRoot.resolve("work").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(work.getParent());
            renderInto(tree, work, false);
            setMode(work, 0755);
            Files.createDirectories(done.getParent());
            try {
                Files.move(work, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // rename(2) onto another process's finished render fails with ENOTEMPTY, which
                // the JDK reports as a plain FileSystemException: theirs stands, ours goes
                if (!Files.isDirectory(done, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                RenderCleanup.deleteTree(work);
            }
        } catch (IOException e) {
            RenderCleanup.deleteTree(work);
            throw SpfsException.environment("io", "cannot render " + manifest + ": " + spfs.error.IoMessages.describe(e), e);
        }
        return done;
    }

    /**
     * An existing render is used only if it is a directory (not a link) of this user that others
     * cannot write (renders are made 0755 whatever the umask, so this holds for every render of
     * ours); anything else there is moved away, to be rendered again.
     */
    private boolean usable(Path done) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(done, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot inspect " + done + ": " + spfs.error.IoMessages.describe(e), e);
        }
        int mode = (Integer) a.get("mode");
        if ((mode & 0170000) == 0040000 && (Integer) a.get("uid") == uid && (mode & 0002) == 0) {
            return true;
        }
        Path aside = done.resolveSibling("." + UUID.randomUUID() + ".untrusted");
        try {
            Files.move(done, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw SpfsException.environment("untrusted-render", done + " is not a render of this user's (wrong owner,"
                    + " kind or mode) and cannot be moved away: " + spfs.error.IoMessages.describe(e), e);
        }
        RenderCleanup.deleteTree(aside);
        return false;
    }

    public RenderSummary summary() {
        return new RenderSummary(entries.get(), linked.get(), existed.get(), copied.get(), copiedLimit.get(),
                symlinks.get(), dirs.get(), bytes.get());
    }

    /**
     * Files handed to a worker at a time: one task per file cost a hand-off (two futex calls)
     * per file, more than the link(2) it wraps.
     */
    private static final int FILES_PER_TASK = 64;

    private void walk(DirNode dir, Path into, ExecutorService pool, List<Future<?>> pending, List<Runnable> chmods)
            throws IOException {
        List<FileNode> files = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Map.Entry<String, Node> e : dir.children().entrySet()) {
            Path p = spfs.tracking.FileNames.resolve(into, e.getKey());
            Node n = e.getValue();
            entries.incrementAndGet();
            if (n instanceof DirNode d) {
                dirs.incrementAndGet();
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException ex) {
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        throw ex;
                    }
                }
                walk(d, p, pool, pending, chmods);
                int mode = d.mode() & 07777;
                chmods.add(() -> setMode(p, mode));
            } else if (n instanceof FileNode f) {
                files.add(f);
                paths.add(p);
                if (files.size() == FILES_PER_TASK) {
                    submit(pool, pending, files, paths);
                    files = new ArrayList<>();
                    paths = new ArrayList<>();
                }
            } else if (n instanceof MaskNode) {
                entries.decrementAndGet();
            }
        }
        if (!files.isEmpty()) {
            submit(pool, pending, files, paths);
        }
    }

    private void submit(ExecutorService pool, List<Future<?>> pending, List<FileNode> files, List<Path> paths) {
        pending.add(pool.submit(() -> {
            for (int i = 0; i < files.size(); i++) {
                renderFile(files.get(i), paths.get(i));
            }
            return null;
        }));
    }

    private void renderFile(FileNode f, Path p) throws IOException {
        if (f.isSymlink()) {
            String target;
            try (InputStream in = repo.openPayload(f.object())) {
                target = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                Files.createSymbolicLink(p, Path.of(target));
            } catch (FileAlreadyExistsException e) {
                existed.incrementAndGet();
                return;
            }
            symlinks.incrementAndGet();
            return;
        }
        bytes.addAndGet(f.size());
        switch (strategy) {
            case COPY -> copyTo(f, p, copied);
            case HARD_LINK_NO_PROXY -> {
                link(repo.payloadPath(f.object()), p, f);
                requireRegularLink(p, f);
            }
            case HARD_LINK -> {
                Path proxy = proxyPath(f);
                for (int attempt = 0; ; attempt++) {
                    try {
                        if (!link(proxy, p, f) || trustedProxy(p, f)) {
                            return;
                        }
                        // not this user's, not of the file's mode, or not a file: never used
                        Files.deleteIfExists(p);
                        Files.deleteIfExists(proxy);
                        if (attempt >= LINK_RETRIES) {
                            throw SpfsException.environment("untrusted-render", "the proxy " + proxy + " keeps being"
                                    + " replaced by a file that is not this user's", null);
                        }
                        linked.decrementAndGet();
                        makeProxy(f, proxy);
                    } catch (NoSuchFileException e) {
                        // no proxy yet (or a cleaner just removed it): make it and link again
                        if (attempt >= LINK_RETRIES) {
                            throw e;
                        }
                        makeProxy(f, proxy);
                    }
                }
            }
        }
    }

    /** Links {@code p} to {@code source}; true if the link is new (not there already, not copied instead). */
    private boolean link(Path source, Path p, FileNode f) throws IOException {
        try {
            Files.createLink(p, source);
            linked.incrementAndGet();
            return true;
        } catch (FileAlreadyExistsException e) {
            existed.incrementAndGet();
            return false;
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(p.getParent())) {
                throw new IOException("cannot create " + p + ": its directory is missing", e);
            }
            throw new NoSuchFileException(source.toString());
        } catch (FileSystemException e) {
            if (e.getMessage() != null && e.getMessage().contains("Too many links")) {
                copyTo(f, p, copiedLimit);
                return false;
            }
            throw e;
        }
    }

    /**
     * A proxy, seen through the link just made to it: a regular file of the entry's mode, this
     * user's (or, with payload sharing, a payload nobody else can write).
     */
    private boolean trustedProxy(Path linked, FileNode f) throws IOException {
        Map<String, Object> a = Files.readAttributes(linked, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        boolean ours = (Integer) a.get("uid") == uid || (sharePayloads && (mode & 022) == 0);
        return (mode & 0170000) == 0100000 && (mode & 07777) == (f.mode() & 07777) && ours;
    }

    /**
     * link(2) does not follow a symlink: a payload swapped for one would become a symlink in the
     * render. What was linked is checked after the fact, on the new link itself (no race).
     */
    private static void requireRegularLink(Path link, FileNode f) throws IOException {
        if (!Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(link);
            throw new spfs.error.CorruptObjectException("payload " + f.object(), "it is not a regular file");
        }
    }

    /** Where the per-user proxy of this payload in this mode lives (mode in decimal, as spfs names it). */
    private Path proxyPath(FileNode f) {
        String s = f.object().toString();
        return userRoot().resolve("proxy").resolve(s.substring(0, 2)).resolve(s.substring(2)).resolve(Integer.toString(f.mode()));
    }

    /** Makes the proxy: a link to the payload when mode and owner already match, else a copy. */
    private void makeProxy(FileNode f, Path proxy) throws IOException {
        Path dir = proxy.getParent();
        Files.createDirectories(dir);
        Path payload = repo.payloadPath(f.object());
        Map<String, Object> attrs;
        try {
            attrs = Files.readAttributes(payload, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new spfs.error.UnknownObjectException("payload", f.object());
        }
        int payloadMode = (Integer) attrs.get("mode");
        int owner = (Integer) attrs.get("uid");
        // a payload others may write (real spfs makes them 0666) is copied, never shared by link
        boolean linkable = payloadMode == f.mode() && (payloadMode & 022) == 0
                && (owner == uid || (sharePayloads && (payloadMode & 04) != 0));
        try {
            if (linkable) {
                Files.createLink(proxy, payload);
                requireRegularLink(proxy, f);
            } else {
                Path tmp = dir.resolve("." + UUID.randomUUID() + ".tmp");
                try {
                    try (InputStream in = repo.openPayload(f.object())) {
                        Files.copy(in, tmp);
                    }
                    setMode(tmp, f.mode() & 07777);
                    Files.createLink(proxy, tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (FileAlreadyExistsException e) {
            // another render made it first
        }
    }

    private void copyTo(FileNode f, Path p, AtomicLong counter) throws IOException {
        // through openPayload, which refuses a payload that is not a regular file
        try (InputStream in = repo.openPayload(f.object())) {
            Files.copy(in, p);
        } catch (FileAlreadyExistsException e) {
            existed.incrementAndGet();
            return;
        }
        setMode(p, f.mode() & 07777);
        counter.incrementAndGet();
    }

    private static void setMode(Path p, int mode) {
        try {
            Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot set the mode of " + p + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }
}
