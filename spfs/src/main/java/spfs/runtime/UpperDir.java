package spfs.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.NameOrder;
import spfs.mount.Linux;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * A runtime's overlay upper directory: what was changed in /spfs. Whiteouts are deletions
 * (masks); an opaque directory (deleted, then made again) hides everything below it in the
 * layers, so masks are added for those entries; whiteouts that hide nothing (spfs puts its
 * masks there at mount time) and directories that only held them are dropped.
 */
public final class UpperDir {
    private final Path upper;
    private final String opaqueXattr;
    private final Linux linux;

    public UpperDir(Path upper, String xattrPrefix, Linux linux) {
        this.upper = upper;
        this.opaqueXattr = xattrPrefix + "opaque";
        this.linux = linux;
    }

    public Path path() {
        return upper;
    }

    /** The changes as a tree laid over {@code lower} (the merged stack): a fresh scan, hashing files. */
    public DirNode changes(DirNode lower) {
        return adjust(scan(upper, DirNode.ROOT_MODE), lower);
    }

    /** Whether anything in /spfs differs from the stack (no hashing). */
    public boolean isDirty(DirNode lower) {
        return dirty(upper, lower);
    }

    private boolean dirty(Path dir, DirNode lower) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                Node below = visible(lower == null ? null : lower.children().get(name));
                int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                int type = mode & 0170000;
                if (type == 0020000) {
                    if (below != null) {
                        return true;
                    }
                } else if (type == 0040000) {
                    if (!(below instanceof DirNode d) || (d.mode() & 07777) != (mode & 07777) || isOpaque(p)
                            || dirty(p, d)) {
                        return true;
                    }
                } else {
                    return true;
                }
            }
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
        return false;
    }

    /** The adjustment applied to a walked upper tree before it is committed or compared. */
    public DirNode adjust(DirNode walked, DirNode lower) {
        return adjust(walked, upper, lower);
    }

    private DirNode adjust(DirNode node, Path at, DirNode lower) {
        TreeMap<String, Node> out = new TreeMap<>(NameOrder.BYTES);
        for (Map.Entry<String, Node> e : node.children().entrySet()) {
            Node below = visible(lower == null ? null : lower.children().get(e.getKey()));
            Node n = e.getValue();
            if (n instanceof MaskNode) {
                if (below != null) {
                    out.put(e.getKey(), n);
                }
            } else if (n instanceof DirNode d) {
                Path p = at.resolve(e.getKey());
                DirNode sub = adjust(d, p, below instanceof DirNode bd ? bd : null);
                boolean unchanged = sub.children().isEmpty() && below instanceof DirNode bd
                        && (bd.mode() & 07777) == (d.mode() & 07777) && !isOpaque(p);
                if (!unchanged) {
                    out.put(e.getKey(), sub);
                }
            } else {
                out.put(e.getKey(), n);
            }
        }
        if (lower != null && at != upper && isOpaque(at)) {
            for (Map.Entry<String, Node> e : lower.children().entrySet()) {
                if (visible(e.getValue()) != null && !out.containsKey(e.getKey())) {
                    out.put(e.getKey(), MaskNode.of());
                }
            }
        }
        return new DirNode(node.mode(), node.legacySize(), out);
    }

    private boolean isOpaque(Path dir) {
        byte[] v = linux.xattr(dir, opaqueXattr);
        return v != null && new String(v, StandardCharsets.US_ASCII).startsWith("y");
    }

    private static Node visible(Node n) {
        return n instanceof MaskNode ? null : n;
    }

    /** Walks a directory into a tree, hashing files and link targets; stores nothing. */
    static DirNode scan(Path dir, int mode) {
        TreeMap<String, Node> children = new TreeMap<>(NameOrder.BYTES);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Map<String, Object> a;
                try {
                    a = Files.readAttributes(p, "unix:mode,rdev,size", LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                int m = (Integer) a.get("mode");
                int type = m & 0170000;
                String name = spfs.tracking.FileNames.nameOf(p);
                if (type == 0040000) {
                    children.put(name, scan(p, m));
                } else if (type == 0100000) {
                    children.put(name, new FileNode(m, (Long) a.get("size"), hash(p)));
                } else if (type == 0120000) {
                    byte[] target = spfs.tracking.FileNames.targetOf(p, Files.readSymbolicLink(p)).getBytes(StandardCharsets.UTF_8);
                    children.put(name, new FileNode(m, target.length, Digest.of(target)));
                } else if (type == 0020000 && ((Long) a.get("rdev")) == 0L) {
                    children.put(name, new MaskNode(m, 0, Digest.NULL));
                }
            }
        } catch (NoSuchFileException e) {
            // an empty upper directory
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
        return new DirNode(mode, 0, children);
    }

    private static Digest hash(Path p) throws IOException {
        MessageDigest md = Digest.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return Digest.finish(md);
    }

    /**
     * Deletes upper-directory entries that match any pattern (gitignore style: a pattern without
     * '/' matches a name at any depth, one with '/' matches from /spfs; {@code *}, {@code ?} and
     * {@code **} as in globs). No patterns means everything. Returns the deleted paths.
     */
    public List<String> reset(List<String> patterns) {
        if (patterns.isEmpty()) {
            List<String> all = new ArrayList<>();
            try (var s = Files.list(upper)) {
                s.forEach(p -> all.add("/" + p.getFileName()));
            } catch (IOException e) {
                throw SpfsException.environment("io", "cannot read " + upper + ": " + spfs.error.IoMessages.describe(e), e);
            }
            DirectoryRemoval.clear(upper);
            return all;
        }
        List<Pattern> compiled = patterns.stream().map(Pattern::of).toList();
        List<String> removed = new ArrayList<>();
        resetIn(upper, "", compiled, removed);
        return removed;
    }

    private record Pattern(PathMatcher matcher, boolean anchored) {
        static Pattern of(String text) {
            String t = text;
            if (t.equals("/spfs") || t.startsWith("/spfs/")) {
                t = t.substring(5);
            }
            boolean anchored = t.contains("/");
            while (t.startsWith("/")) {
                t = t.substring(1);
            }
            while (t.endsWith("/") && t.length() > 1) {
                t = t.substring(0, t.length() - 1);
            }
            if (t.isEmpty()) {
                t = "**";
            }
            return new Pattern(FileSystems.getDefault().getPathMatcher("glob:" + t), anchored);
        }

        boolean matches(String relative) {
            Path p = Path.of(relative);
            return matcher.matches(anchored ? p : p.getFileName());
        }
    }

    private void resetIn(Path dir, String prefix, List<Pattern> patterns, List<String> removed) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(entries::add);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
        for (Path p : entries) {
            String rel = prefix.isEmpty() ? p.getFileName().toString() : prefix + "/" + p.getFileName();
            boolean match = patterns.stream().anyMatch(pt -> pt.matches(rel));
            boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            if (match) {
                try {
                    if (isDir) {
                        DirectoryRemoval.removeTree(p);
                    } else {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    throw SpfsException.environment("io", "cannot remove " + p + ": " + spfs.error.IoMessages.describe(e), e);
                }
                removed.add("/" + rel);
            } else if (isDir) {
                resetIn(p, rel, patterns, removed);
            }
        }
    }
}
