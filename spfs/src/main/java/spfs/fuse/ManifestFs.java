package spfs.fuse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.ErrorCodes;
import ru.serce.jnrfuse.FuseFillDir;
import ru.serce.jnrfuse.FuseStubFS;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.FuseFileInfo;
import ru.serce.jnrfuse.struct.Statvfs;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * A read-only file system of one merged stack, served straight from repositories: metadata from
 * the in-memory tree (inode numbers assigned up front), file data read from payload files with
 * positional reads. Masked paths do not appear. Timestamps are the mount time, owner and group
 * the given ids, as spfs's FUSE view does.
 */
public final class ManifestFs extends FuseStubFS {
    private static final int O_ACCMODE = 3;

    /** One path of the view. */
    private record Inode(long number, Node node, List<String> children) {}

    private final Map<String, Inode> byPath = new HashMap<>();
    private final List<FsRepository> repos;
    private final int uid;
    private final int gid;
    private final long mountTime;
    private final Map<Long, FileChannel> open = new ConcurrentHashMap<>();
    private final AtomicLong handles = new AtomicLong(1);

    public ManifestFs(DirNode root, List<FsRepository> repos, int uid, int gid) {
        this.repos = List.copyOf(repos);
        this.uid = uid;
        this.gid = gid;
        this.mountTime = System.currentTimeMillis() / 1000;
        index("/", new DirNode(040777, root.children()), new AtomicLong(1));
    }

    private void index(String path, Node n, AtomicLong next) {
        List<String> children = new ArrayList<>();
        byPath.put(path, new Inode(next.getAndIncrement(), n, children));
        if (n instanceof DirNode d) {
            for (Map.Entry<String, Node> e : d.children().entrySet()) {
                if (e.getValue() instanceof MaskNode) {
                    continue;
                }
                children.add(e.getKey());
                index(path.equals("/") ? "/" + e.getKey() : path + "/" + e.getKey(), e.getValue(), next);
            }
        }
    }

    /** How many paths the view has (the root included). */
    public int size() {
        return byPath.size();
    }

    @Override
    public int getattr(String path, FileStat stat) {
        Inode i = byPath.get(path);
        if (i == null) {
            return -ErrorCodes.ENOENT();
        }
        Node n = i.node();
        stat.st_ino.set(i.number());
        stat.st_uid.set(uid);
        stat.st_gid.set(gid);
        stat.st_atim.tv_sec.set(mountTime);
        stat.st_mtim.tv_sec.set(mountTime);
        stat.st_ctim.tv_sec.set(mountTime);
        if (n instanceof DirNode d) {
            stat.st_mode.set(FileStat.S_IFDIR | (d.mode() & 07777));
            stat.st_size.set(i.children().size());
            long subdirs = d.children().values().stream().filter(c -> c instanceof DirNode).count();
            stat.st_nlink.set(2 + subdirs);
        } else {
            FileNode f = (FileNode) n;
            stat.st_mode.set(f.mode());
            stat.st_size.set(f.size());
            stat.st_nlink.set(1);
            stat.st_blocks.set((f.size() + 511) / 512);
        }
        stat.st_blksize.set(4096);
        return 0;
    }

    @Override
    public int readdir(String path, Pointer buf, FuseFillDir filler, long offset, FuseFileInfo fi) {
        Inode i = byPath.get(path);
        if (i == null) {
            return -ErrorCodes.ENOENT();
        }
        if (!(i.node() instanceof DirNode)) {
            return -ErrorCodes.ENOTDIR();
        }
        filler.apply(buf, ".", null, 0);
        filler.apply(buf, "..", null, 0);
        for (String c : i.children()) {
            filler.apply(buf, c, null, 0);
        }
        return 0;
    }

    @Override
    public int open(String path, FuseFileInfo fi) {
        Inode i = byPath.get(path);
        if (i == null) {
            return -ErrorCodes.ENOENT();
        }
        if ((fi.flags.get() & O_ACCMODE) != 0) {
            return -ErrorCodes.EROFS();
        }
        if (!(i.node() instanceof FileNode f)) {
            return -ErrorCodes.EISDIR();
        }
        try {
            FileChannel ch = payloadChannel(f.object());
            long h = handles.getAndIncrement();
            open.put(h, ch);
            fi.fh.set(h);
            return 0;
        } catch (IOException e) {
            return -ErrorCodes.EIO();
        }
    }

    @Override
    public int read(String path, Pointer buf, long size, long offset, FuseFileInfo fi) {
        FileChannel ch = open.get(fi.fh.get());
        if (ch == null) {
            return -ErrorCodes.EBADF();
        }
        try {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE));
            int total = 0;
            while (b.hasRemaining()) {
                int n = ch.read(b, offset + total);
                if (n <= 0) {
                    break;
                }
                total += n;
            }
            buf.put(0, b.array(), 0, total);
            return total;
        } catch (IOException e) {
            return -ErrorCodes.EIO();
        }
    }

    @Override
    public int release(String path, FuseFileInfo fi) {
        FileChannel ch = open.remove(fi.fh.get());
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                return -ErrorCodes.EIO();
            }
        }
        return 0;
    }

    @Override
    public int readlink(String path, Pointer buf, long size) {
        Inode i = byPath.get(path);
        if (i == null) {
            return -ErrorCodes.ENOENT();
        }
        if (!(i.node() instanceof FileNode f) || !f.isSymlink()) {
            return -ErrorCodes.EINVAL();
        }
        try (InputStream in = java.nio.channels.Channels.newInputStream(payloadChannel(f.object()))) {
            byte[] target = in.readAllBytes();
            int n = (int) Math.min(target.length, size - 1);
            buf.put(0, target, 0, n);
            buf.putByte(n, (byte) 0);
            return 0;
        } catch (IOException e) {
            return -ErrorCodes.EIO();
        }
    }

    @Override
    public int statfs(String path, Statvfs stbuf) {
        stbuf.f_bsize.set(512);
        stbuf.f_frsize.set(512);
        stbuf.f_files.set(byPath.size());
        stbuf.f_namemax.set(255);
        return 0;
    }

    /**
     * The payload, from the first repository that has it, opened without following links and
     * only if it is a regular file: a payload replaced by a symlink is never served.
     */
    private FileChannel payloadChannel(Digest d) throws IOException {
        for (FsRepository r : repos) {
            if (r.hasPayload(d)) {
                try {
                    return r.openPayloadChannel(d);
                } catch (spfs.error.SpfsException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        }
        throw new NoSuchFileException(d.toString());
    }

    /** Closes files that were left open when the view is unmounted. */
    public void closeAll() {
        for (FileChannel ch : open.values()) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        open.clear();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
