package spfs.commit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.NameOrder;
import spfs.graph.ObjectFormat;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.tracking.DirNode;
import spfs.tracking.FileNames;
import spfs.tracking.FileNode;
import spfs.tracking.Manifests;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * Commits a directory: walks it, streams every file into the payload store while hashing
 * (in parallel, one buffer per worker, so file size does not matter for memory), writes a
 * blob object per file, then the manifest and a layer: children before parents, as spfs does.
 * All of it is one write session of the repository (given one, a session inside it).
 */
public final class DirectoryCommitter {
    private final Repository repo;
    private final ObjectFormat format;
    private final int workers;

    public DirectoryCommitter(Repository repo, ObjectFormat format, int workers) {
        this.repo = repo;
        this.format = format;
        this.workers = Math.max(1, workers);
    }

    /** What a commit produced. */
    public record Result(Layer layer, Manifest manifest, DirNode tree, long files, long bytes, long newPayloads) {}

    public Result commit(Path dir) {
        return commit(dir, java.util.function.UnaryOperator.identity());
    }

    /**
     * Commits {@code dir}, letting {@code adjust} rewrite the walked tree before the manifest is
     * made (a runtime's upper directory drops masks that change nothing and adds masks for opaque
     * directories). Payloads of files the adjustment drops stay in the store until clean.
     */
    public Result commit(Path dir, java.util.function.UnaryOperator<DirNode> adjust) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw SpfsException.badInput("not-a-directory", "'" + dir + "' is not a directory");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spfs-commit");
            t.setDaemon(true);
            return t;
        });
        // payloads and blobs are collected by the session and made durable before the manifest
        try (WriteSession store = repo.beginWrite()) {
            Totals totals = new Totals();
            DirNode tree;
            try {
                tree = adjust.apply(resolve(scan(dir, DirNode.ROOT_MODE, pool, store, totals)));
            } finally {
                // before the session ends: its batch is not to be written to once closed
                pool.shutdownNow();
            }
            Manifest manifest = Manifests.toManifest(tree, format);
            store.writeObject(manifest);
            Layer layer = new Layer(java.util.Optional.of(manifest.digest()), List.of(), format);
            store.writeObject(layer);
            store.flush();
            return new Result(layer, manifest, tree, totals.files.get(), totals.bytes.get(), totals.created.get());
        }
    }

    /** An entry of the walked tree: a directory, a file being stored by the pool, or a mask. */
    private sealed interface Pending permits PendingDir, PendingFile, Ready {}

    private record PendingDir(int mode, Map<String, Pending> children) implements Pending {}

    private record PendingFile(Future<Node> stored) implements Pending {}

    private record Ready(Node node) implements Pending {}

    /** Totals of one commit, updated by the workers. */
    private static final class Totals {
        final AtomicLong files = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong created = new AtomicLong();
    }

    /** Waits for every file of {@code dir} and builds its tree. */
    private static DirNode resolve(PendingDir dir) {
        TreeMap<String, Node> out = new TreeMap<>(NameOrder.BYTES);
        for (Map.Entry<String, Pending> e : dir.children().entrySet()) {
            Pending v = e.getValue();
            Node n;
            if (v instanceof PendingDir d) {
                n = resolve(d);
            } else if (v instanceof Ready r) {
                n = r.node();
            } else {
                n = await(((PendingFile) v).stored());
            }
            out.put(e.getKey(), n);
        }
        return new DirNode(dir.mode(), 0, out);
    }

    private static Node await(Future<Node> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SpfsException.environment("interrupted", "commit interrupted", e);
        }
    }

    private PendingDir scan(Path dir, int dirMode, ExecutorService pool, Repository store, Totals totals) {
        Map<String, Pending> children = new TreeMap<>(NameOrder.BYTES);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read directory " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
        for (Path p : entries) {
            String name = FileNames.nameOf(p);
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(p, "unix:mode,rdev,size", LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue; // deleted while we walked
            } catch (IOException e) {
                throw cannotCommit(p, e);
            }
            int mode = (Integer) attrs.get("mode");
            int type = mode & 0170000;
            if (type == 0040000) {
                children.put(name, scan(p, mode, pool, store, totals));
            } else if (type == 0100000) {
                children.put(name, new PendingFile(pool.submit(() -> storeFile(store, p, mode, totals))));
            } else if (type == 0120000) {
                children.put(name, new PendingFile(pool.submit(() -> storeLink(store, p, mode, totals))));
            } else if (type == 0020000 && ((Long) attrs.get("rdev")) == 0L) {
                // an overlayfs whiteout: the path was deleted; keep the device's mode as spfs does
                children.put(name, new Ready(new MaskNode(mode, 0, spfs.encoding.Digest.NULL)));
            } else {
                throw SpfsException.badInput("unsupported-file", "cannot commit " + p
                        + ": only files, directories and symlinks can be committed");
            }
        }
        return new PendingDir(dirMode, children);
    }

    private Node storeFile(Repository store, Path p, int mode, Totals totals) {
        PayloadWrite w;
        try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
            w = store.writePayload(in, mode);
        } catch (IOException e) {
            throw cannotCommit(p, e);
        }
        store.writeObject(new Blob(w.digest(), w.size(), format));
        count(totals, w);
        return new FileNode(mode, w.size(), w.digest());
    }

    private Node storeLink(Repository store, Path p, int mode, Totals totals) {
        String target;
        try {
            target = FileNames.targetOf(p, Files.readSymbolicLink(p));
        } catch (IOException e) {
            throw cannotCommit(p, e);
        }
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        PayloadWrite w = store.writePayload(new java.io.ByteArrayInputStream(bytes), -1);
        store.writeObject(new Blob(w.digest(), w.size(), format));
        count(totals, w);
        return new FileNode(mode, bytes.length, w.digest());
    }

    /** Says what went wrong with one file of the tree, in words rather than its path again. */
    private static SpfsException cannotCommit(Path p, IOException e) {
        String why;
        if (e instanceof java.nio.file.NoSuchFileException) {
            why = "it vanished during the commit";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        } else {
            why = spfs.error.IoMessages.describe(e);
        }
        return SpfsException.environment("io", "cannot commit " + p + ": " + why, e);
    }

    private static void count(Totals totals, PayloadWrite w) {
        totals.files.incrementAndGet();
        totals.bytes.addAndGet(w.size());
        if (w.created()) {
            totals.created.incrementAndGet();
        }
    }
}
