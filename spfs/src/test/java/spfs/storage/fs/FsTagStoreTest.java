package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.tag.TagSpec;

class FsTagStoreTest {
    @TempDir
    Path tmp;

    /**
     * Removing a stream's last tag removes its folder when empty; a tag written into that folder
     * at the same moment (runtime records: one runtime ends as another starts) must still land.
     * The interleaving that used to lose the write is forced: the writer has made the folder,
     * and before its lock file exists the other stream's last tag goes, and the folder with it.
     */
    @Test
    void writingATagWhileItsFolderIsRemovedStillLands() throws Exception {
        Path tags = tmp.resolve("tags");
        Path folder = tags.resolve("runtimes/meta");
        TagSpec ending = TagSpec.parse("runtimes/meta/ending");
        TagSpec starting = TagSpec.parse("runtimes/meta/starting");
        FsTagStore other = new FsTagStore(tags, Optional.empty(), RepositoryPermissions.privateToOwner());
        other.pushTag(ending, Digest.ofUtf8("old"), "me@here");

        AtomicInteger locks = new AtomicInteger();
        FsTagStore writer = new FsTagStore(tags, Optional.empty(), RepositoryPermissions.privateToOwner(), lockFile -> {
            if (locks.getAndIncrement() == 0) {
                other.removeTagStream(ending);
                assertFalse(Files.exists(folder), "the folder should be gone before the writer locks");
            }
            return TagLock.acquire(lockFile, RepositoryPermissions.privateToOwner());
        });
        Digest target = Digest.ofUtf8("new");
        writer.pushTag(starting, target, "me@here");

        assertEquals(1, locks.get());
        assertEquals(target, other.resolveTag(starting).target());
        assertEquals(1, other.readTagStream(starting).size());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of("starting.tag"), left.map(p -> p.getFileName().toString()).toList(),
                    "only the tag is left, no lock or work file");
        }
    }
}
