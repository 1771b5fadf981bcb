package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link FileCalls} through the JDK alone. Its rename cannot refuse to replace: it looks first,
 * so a file another writer puts there between the look and the rename is replaced by an identical
 * one (the store's names are digests of the content).
 */
enum JdkFileCalls implements FileCalls {
    INSTANCE;

    @Override
    public void writeNew(Path tmp, byte[] data, int size, int mode) throws IOException {
        DurableFiles.writeTemp(tmp, data, size, RepositoryPermissions.attribute(mode), false);
    }

    @Override
    public boolean placeIfAbsent(Path tmp, Path target) throws IOException {
        // access(2), not a stat that throws when absent (the common case, and costly per file)
        if (Files.exists(target)) {
            Files.deleteIfExists(tmp);
            return false;
        }
        DurableFiles.moveIntoPlace(tmp, target);
        return true;
    }
}
