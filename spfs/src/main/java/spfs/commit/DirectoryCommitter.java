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
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.NameOrder;
import spfs.graph.ObjectFormat;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.storage.fs.WriteBatch;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Manifests;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * Commits a directory: walks it, streams every file into the payload store while hashing
 * (in parallel, one buffer per worker, so file size does not matter for memory), writes a
 * blob object per file, then the manifest and a layer: children before parents, as spfs does.
 */
public final class DirectoryCommitter {
    private final Repository repo;
    /** Where files and blobs go: a batched view of a file system repository, or the repository. */
    private Repository store;
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
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw SpfsException.badInput("not-a-directory", "'" + dir + "' is not a directory");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "spfs-commit");
            t.setDaemon(true);
            return t;
        });
        WriteBatch batch = repo instanceof FsRepository fs ? new WriteBatch(fs.root()) : null;
        store = batch == null ? repo : ((FsRepository) repo).batched(batch);
        boolean flushed = false;
        try {
            Pending root = scan(dir, pool);
            DirNode tree = new DirNode(DirNode.ROOT_MODE, 0, root.resolve().children());
            if (batch != null) {
                // payloads and blobs become durable and visible before anything refers to them
                batch.flush();
            }
            flushed = true;
            Manifest manifest = Manifests.toManifest(tree, format);
            repo.writeObject(manifest);
            Layer layer = new Layer(java.util.Optional.of(manifest.digest()), List.of(), format);
            repo.writeObject(layer);
            return new Result(layer, manifest, tree, root.files(), root.bytes(), root.created());
        } finally {
            pool.shutdownNow();
            if (batch != null && !flushed) {
                batch.abort();
            }
        }
    }

    /** A directory whose files are being stored by the pool. */
    private record Pending(int mode, Map<String, Object> children) {
        DirNode resolve() {
            TreeMap<String, Node> out = new TreeMap<>(NameOrder.BYTES);
            for (Map.Entry<String, Object> e : children.entrySet()) {
                out.put(e.getKey(), resolveChild(e.getValue()));
            }
            return new DirNode(mode, 0, out);
        }

        private static Node resolveChild(Object v) {
            if (v instanceof Pending p) {
                return p.resolve();
            }
            if (v instanceof Node n) {
                return n;
            }
            try {
                return ((Future<Stored>) cast(v)).get().node();
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

        @SuppressWarnings("unchecked")
        private static Future<Stored> cast(Object o) {
            return (Future<Stored>) o;
        }

        long files() {
            return count(0);
        }

        long bytes() {
            return count(1);
        }

        long created() {
            return count(2);
        }

        private long count(int what) {
            long n = 0;
            for (Object v : children.values()) {
                if (v instanceof Pending p) {
                    n += p.count(what);
                } else if (v instanceof Future<?>) {
                    Stored s;
                    try {
                        s = cast(v).get();
                    } catch (InterruptedException | ExecutionException e) {
                        continue;
                    }
                    n += what == 0 ? 1 : what == 1 ? s.size() : (s.created() ? 1 : 0);
                }
            }
            return n;
        }
    }

    private record Stored(Node node, long size, boolean created) {}

    private Pending scan(Path dir, ExecutorService pool) {
        Map<String, Object> children = new TreeMap<>(NameOrder.BYTES);
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            Map<String, Object> attrs;
            try {
                attrs = Files.readAttributes(p, "unix:mode,rdev,size", LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue; // deleted while we walked
            } catch (IOException e) {
                throw SpfsException.environment("io", "cannot stat " + p + ": " + e.getMessage(), e);
            }
            int mode = (Integer) attrs.get("mode");
            int type = mode & 0170000;
            if (type == 0040000) {
                children.put(name, new Pending(mode, scan(p, pool).children()));
            } else if (type == 0100000) {
                children.put(name, pool.submit(() -> storeFile(p, mode)));
            } else if (type == 0120000) {
                children.put(name, pool.submit(() -> storeLink(p, mode)));
            } else if (type == 0020000 && ((Long) attrs.get("rdev")) == 0L) {
                // an overlayfs whiteout: the path was deleted; keep the device's mode as spfs does
                children.put(name, new MaskNode(mode, 0, spfs.encoding.Digest.NULL));
            } else {
                throw SpfsException.badInput("unsupported-file", "cannot commit " + p
                        + ": only files, directories and symlinks can be committed");
            }
        }
        return new Pending(0, children);
    }

    private Stored storeFile(Path p, int mode) throws IOException {
        PayloadWrite w;
        try (InputStream in = Files.newInputStream(p)) {
            w = store.writePayload(in, mode);
        }
        store.writeObject(new Blob(w.digest(), w.size(), format));
        return new Stored(new FileNode(mode, w.size(), w.digest()), w.size(), w.created());
    }

    private Stored storeLink(Path p, int mode) throws IOException {
        String target = Files.readSymbolicLink(p).toString();
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        PayloadWrite w = store.writePayload(new java.io.ByteArrayInputStream(bytes), -1);
        store.writeObject(new Blob(w.digest(), w.size(), format));
        return new Stored(new FileNode(mode, bytes.length, w.digest()), bytes.length, w.created());
    }
}
