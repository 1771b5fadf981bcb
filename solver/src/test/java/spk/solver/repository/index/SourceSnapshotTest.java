package spk.solver.repository.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An index made right after its files were written is dated again once they have settled. */
class SourceSnapshotTest {
    @TempDir
    Path dir;

    private SourceSnapshot indexedNow() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "pkg: a/1.0.0/AAAAAAAA\n");
        Files.writeString(dir.resolve("b.yaml"), "pkg: b/1.0.0/AAAAAAAA\n");
        SourceSnapshot s = SourceSnapshot.take(dir, p -> p.toString().endsWith(".yaml"));
        return s.withContent(Map.of("a.yaml", Files.readAllBytes(dir.resolve("a.yaml")),
                "b.yaml", Files.readAllBytes(dir.resolve("b.yaml"))));
    }

    private static boolean racy(SourceSnapshot s, SourceSnapshot.FileState f) {
        return Math.max(f.mtimeNs(), f.ctimeNs()) >= s.takenNs() - SourceSnapshot.RACY_NS;
    }

    @Test
    void filesThatHaveSettledAreNoLongerCheckedByContent() throws IOException {
        SourceSnapshot s = indexedNow();
        assertEquals(2, s.files().stream().filter(f -> racy(s, f)).count(), "both were just written");
        long later = s.takenNs() + 3 * SourceSnapshot.RACY_NS;
        SourceSnapshot settled = s.settled(dir, later);
        assertEquals(later, settled.takenNs());
        assertEquals(s.files(), settled.files());
        assertEquals(0, settled.files().stream().filter(f -> racy(settled, f)).count());
        assertNull(settled.staleness(dir, SourceSnapshot.take(dir, p -> p.toString().endsWith(".yaml"))));
    }

    @Test
    void filesStillWithinATickStayCheckedByContent() throws IOException {
        SourceSnapshot s = indexedNow();
        long soon = s.takenNs() + 1;
        SourceSnapshot settled = s.settled(dir, soon);
        assertEquals(soon, settled.takenNs());
        assertEquals(2, settled.files().stream().filter(f -> racy(settled, f)).count());
    }

    @Test
    void aFileChangedSinceItWasIndexedKeepsTheOldDate() throws IOException {
        SourceSnapshot s = indexedNow();
        // the same size, as a change within one timestamp tick could leave the stat as it was
        SourceSnapshot indexedFromOther = s.withContent(Map.of("a.yaml", "pkg: a/1.0.0/BBBBBBBB\n".getBytes(),
                "b.yaml", Files.readAllBytes(dir.resolve("b.yaml"))));
        SourceSnapshot settled = indexedFromOther.settled(dir, s.takenNs() + 3 * SourceSnapshot.RACY_NS);
        assertSame(indexedFromOther, settled);
        assertNotNull(settled.staleness(dir, SourceSnapshot.take(dir, p -> p.toString().endsWith(".yaml"))),
                "readers still check a.yaml by content and find it changed");
    }
}
