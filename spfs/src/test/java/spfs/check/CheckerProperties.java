package spfs.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.Generate;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.encoding.RandomValues;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;

/**
 * Any single flipped bit in any payload is reported by check, and pulling repairs it. A failure
 * prints "Seed was N"; {@code -DQT_SEED=N} replays it.
 */
class CheckerProperties {
    @TempDir
    Path dir;
    private List<Digest> payloads;

    @BeforeEach
    void commitToBothRepositories() throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[1 + i * 700];
            java.util.Arrays.fill(b, (byte) i);
            Files.write(src.resolve(i % 2 == 0 ? "f" + i : "sub/f" + i), b);
        }
        for (String name : List.of("local", "remote")) {
            FsRepository repo = FsRepository.create(dir.resolve(name), Optional.empty());
            var r = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(src);
            repo.pushTag(TagSpec.parse("t"), r.layer().digest(), "me@here");
            payloads = r.manifest().childObjects();
        }
    }

    @Test
    void aFlippedBitIsFoundAndRepaired() {
        // each try checks two repositories; a few shrink steps keep a failure's report inside the test timeout
        qt().withExamples(40).withShrinkCycles(200)
                .forAll(Generate.range(0, 5), RandomValues.nonNegativeInts(), Generate.range(0, 7))
                .checkAssert((which, where, bit) -> {
                    try {
                        flipFindAndRepair(which, where, bit);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private void flipFindAndRepair(int which, int where, int bit) throws IOException {
        FsRepository local = FsRepository.open(dir.resolve("local"), Optional.empty());
        Digest victim = payloads.get(which);
        Path p = local.payloadPath(victim);
        byte[] b = Files.readAllBytes(p);
        b[where % b.length] ^= (byte) (1 << bit);
        Files.setAttribute(p, "unix:mode", 0644);
        Files.write(p, b);
        CheckReport report = new Checker(local, Optional.empty(), 2).check(List.of());
        assertEquals(1, report.unresolved(), report.problems().toString());
        assertEquals(CheckReport.Kind.CORRUPT_PAYLOAD, report.problems().get(0).kind());
        assertEquals(victim, report.problems().get(0).digest());

        FsRepository remote = FsRepository.open(dir.resolve("remote"), Optional.empty());
        CheckReport repaired = new Checker(local, Optional.of(remote), 2).check(List.of());
        assertEquals(0, repaired.unresolved());
        assertTrue(repaired.problems().get(0).repaired());
        assertEquals(0, new Checker(local, Optional.empty(), 2).check(List.of()).problems().size());
    }
}
