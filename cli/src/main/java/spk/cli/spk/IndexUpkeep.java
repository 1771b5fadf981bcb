package spk.cli.spk;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashSet;
import spk.error.SpkException;
import spk.storage.SpfsIndexFile;
import spk.storage.SpfsPackageRepository;

/**
 * Keeps repository indexes current after a command changed packages: a repository with an index
 * that is no longer fresh gets it remade (reading only what changed); one without stays without. A failure leaves the old
 * index, which is then stale and ignored, and is reported as a warning: the change itself stands.
 */
final class IndexUpkeep {
    private IndexUpkeep() {}

    static void refresh(Collection<SpfsPackageRepository> repositories, PrintWriter err) {
        for (SpfsPackageRepository r : new LinkedHashSet<>(repositories)) {
            try {
                SpfsIndexFile.refreshIfPresent(r);
            } catch (IOException | java.io.UncheckedIOException | SpkException | IllegalStateException e) {
                err.println("warning: the index of " + r.name() + " was not refreshed (" + e.getMessage()
                        + "); solves read its specs until 'spk repo index -r " + r.name() + "' is run");
                err.flush();
            }
        }
    }
}
