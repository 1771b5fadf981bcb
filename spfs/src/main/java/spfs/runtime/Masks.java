package spfs.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spfs.error.SpfsException;
import spfs.mount.Linux;
import spfs.tracking.DirNode;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/**
 * Re-applies deletions across rendered layers. Renders skip masks, so a file deleted by an upper
 * layer would show through from a lower one; an overlay whiteout (char device 0/0) in the upper
 * directory hides it. Unlike spfs, a path that already exists in the upper directory is left
 * alone: it is the user's own change and wins over the layers anyway.
 */
public final class Masks {
    private Masks() {}

    /** Writes whiteouts for every mask of {@code merged} into {@code upper}; returns how many. */
    public static int apply(DirNode merged, Path upper, Linux linux) {
        List<Runnable> modes = new ArrayList<>();
        int n = apply(merged, upper, linux, modes, true);
        // parents were made writable to fill them; give them the layers' modes, deepest first
        for (int i = modes.size() - 1; i >= 0; i--) {
            modes.get(i).run();
        }
        return n;
    }

    private static int apply(DirNode dir, Path at, Linux linux, List<Runnable> modes, boolean isRoot) {
        if (!containsMask(dir)) {
            return 0;
        }
        int n = 0;
        try {
            if (!isRoot && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                    return 0; // replaced by something else in the upper dir: its business
                }
                Files.createDirectory(at);
                int mode = dir.mode() & 07777;
                modes.add(() -> setMode(at, mode));
            }
            for (Map.Entry<String, Node> e : dir.children().entrySet()) {
                Path p = at.resolve(e.getKey());
                if (e.getValue() instanceof MaskNode) {
                    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        linux.whiteout(p);
                        n++;
                    }
                } else if (e.getValue() instanceof DirNode d) {
                    n += apply(d, p, linux, modes, false);
                }
            }
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot prepare masks in " + at + ": " + spfs.error.IoMessages.describe(e), e);
        }
        return n;
    }

    private static boolean containsMask(DirNode d) {
        for (Node n : d.children().values()) {
            if (n instanceof MaskNode || (n instanceof DirNode sub && containsMask(sub))) {
                return true;
            }
        }
        return false;
    }

    private static void setMode(Path p, int mode) {
        try {
            Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot set the mode of " + p + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }
}
