package spfs.render;

import java.nio.file.Path;
import spfs.error.SpfsException;
import spfs.runtime.DirectoryRemoval;

/** Deletes render trees and other scratch trees, which may hold read-only directories; best effort. */
public final class RenderCleanup {
    private RenderCleanup() {}

    /** Opens directories up on the way down, deletes on the way up; best effort. */
    public static void deleteTree(Path dir) {
        try {
            DirectoryRemoval.removeTree(dir);
        } catch (SpfsException e) {
            // leftovers in work/ are removed by a later clean
        }
    }
}
