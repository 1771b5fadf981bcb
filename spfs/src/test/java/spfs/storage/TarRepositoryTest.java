package spfs.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.storage.tar.TarRepository;
import spfs.tag.TagSpec;
import spk.error.SpkException;

class TarRepositoryTest {
    @TempDir
    Path tmp;

    @Test
    void writesTheArchiveOnCloseAndReadsItBack() {
        Path archive = tmp.resolve("repo.tar");
        Digest d;
        try (TarRepository r = TarRepository.open(archive, Optional.empty())) {
            d = r.writePayload(new ByteArrayInputStream("hello world\n".getBytes(StandardCharsets.UTF_8)), -1).digest();
            r.writeObject(new Blob(d, 12));
            r.pushTag(TagSpec.parse("exported"), d, "me@here");
        }
        assertTrue(Files.isRegularFile(archive));
        try (TarRepository r = TarRepository.open(archive, Optional.empty())) {
            assertEquals(d, r.resolveTag(TagSpec.parse("exported")).target());
            assertEquals(new Blob(d, 12), r.readObject(d));
            assertTrue(Files.isRegularFile(r.unpacked().root().resolve("payloads/VF/EJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====")));
        }
    }

    @Test
    void readingOnlyLeavesTheArchiveUntouched() throws Exception {
        Path archive = tmp.resolve("repo.tar");
        try (TarRepository r = TarRepository.open(archive, Optional.empty())) {
            r.writeObject(new Blob(Digest.ofUtf8("x"), 1));
        }
        byte[] before = Files.readAllBytes(archive);
        // a time long past: rewriting the archive, even with the same bytes, would make it now
        FileTime past = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        Files.setLastModifiedTime(archive, past);
        try (TarRepository r = TarRepository.open(archive, Optional.empty())) {
            try (var s = r.objectDigests()) {
                assertEquals(1, s.count());
            }
        }
        assertArrayEquals(before, Files.readAllBytes(archive));
        assertEquals(past, Files.getLastModifiedTime(archive));
    }

    @Test
    void archivesThatClimbOutAreRefusedAndNothingIsWritten() throws Exception {
        for (String evil : List.of("../escaped", "objects/../../escaped", "/tmp/escaped-abs")) {
            Path archive = tmp.resolve("evil.tar");
            try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                byte[] data = "boom".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(evil, true);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
            byte[] before = Files.readAllBytes(archive);
            SpfsException ex = assertThrows(SpfsException.class, () -> TarRepository.open(archive, Optional.empty()), evil);
            assertEquals(SpkException.Kind.BAD_INPUT, ex.kind());
            assertTrue(ex.getMessage().contains(evil), ex.getMessage());
            assertFalse(Files.exists(tmp.resolve("escaped")));
            assertFalse(Files.exists(tmp.getParent().resolve("escaped")));
            assertFalse(Files.exists(Path.of("/tmp/escaped-abs")));
            assertArrayEquals(before, Files.readAllBytes(archive), "the archive is left as it was");
        }
    }

    @Test
    void linksInsideAnArchiveAreRefused() throws Exception {
        Path archive = tmp.resolve("link.tar");
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry("objects/evil", TarArchiveEntry.LF_SYMLINK);
            e.setLinkName("/etc");
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
        }
        assertThrows(SpfsException.class, () -> TarRepository.open(archive, Optional.empty()));
    }
}
