package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both ways of writing a batch's files behave alike: new files only, and nothing already in place replaced. */
class FileCallsTest {
    @TempDir
    Path tmp;

    static Stream<FileCalls> calls() {
        return Stream.of(FileCalls.bind(), JdkFileCalls.INSTANCE);
    }

    @Test
    void libcIsWhatABatchUsesHere() {
        // jffi's stub loads on every machine the runtime runs on: the JDK's calls are only a fallback
        assertInstanceOf(LibcFileCalls.class, FileCalls.bind());
        assertInstanceOf(LibcFileCalls.class, new WriteBatch(tmp).calls());
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aNewFileHoldsItsBytesWithItsPermissionBits(FileCalls calls) throws Exception {
        byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (String bits : List.of("r--r--r--", "rw-r--r--", "r-xr-xr-x")) {
            Path f = tmp.resolve(bits);
            calls.writeNew(f, data, 10, Integer.parseInt(toOctal(bits), 8));
            assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(f));
            assertEquals(bits, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
        Path empty = tmp.resolve("empty");
        calls.writeNew(empty, data, 0, 0444);
        assertEquals(0, Files.size(empty));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aFileAlreadyThereIsNeverWrittenOver(FileCalls calls) throws Exception {
        Path f = Files.writeString(tmp.resolve("there"), "theirs");
        byte[] data = "mine".getBytes(StandardCharsets.US_ASCII);
        assertThrows(FileAlreadyExistsException.class, () -> calls.writeNew(f, data, data.length, 0644));
        assertEquals("theirs", Files.readString(f));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("elsewhere"));
        assertThrows(FileAlreadyExistsException.class, () -> calls.writeNew(link, data, data.length, 0644));
        assertFalse(Files.exists(tmp.resolve("elsewhere")), "a dangling link is not followed");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> calls.writeNew(tmp.resolve("no/such/dir/f"), data, data.length, 0644));
        assertEquals(tmp.resolve("no/such/dir/f").toString(), e.getFile());
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aTempFileTakesAFreeNameOrMakesWay(FileCalls calls) throws Exception {
        Path mine = Files.writeString(tmp.resolve(".a.tmp"), "same");
        Path target = tmp.resolve("target");
        assertTrue(calls.placeIfAbsent(mine, target));
        assertFalse(Files.exists(mine));
        assertEquals("same", Files.readString(target));

        Object theirs = Files.getAttribute(target, "unix:ino");
        Path again = Files.writeString(tmp.resolve(".b.tmp"), "same");
        assertFalse(calls.placeIfAbsent(again, target));
        assertFalse(Files.exists(again), "the temp file that made way is removed");
        assertEquals(theirs, Files.getAttribute(target, "unix:ino"), "the file in place is theirs still");

        assertThrows(NoSuchFileException.class, () -> calls.placeIfAbsent(tmp.resolve(".gone.tmp"), tmp.resolve("t2")));
        assertFalse(Files.exists(tmp.resolve("t2")));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void aDanglingLinkInPlaceCountsAsAbsent(FileCalls calls) throws Exception {
        Path target = Files.createSymbolicLink(tmp.resolve("target"), tmp.resolve("nowhere"));
        Path mine = Files.writeString(tmp.resolve(".a.tmp"), "mine");
        assertTrue(calls.placeIfAbsent(mine, target));
        assertFalse(Files.isSymbolicLink(target));
        assertEquals("mine", Files.readString(target));
        assertFalse(Files.exists(tmp.resolve("nowhere")));
    }

    @Test
    void ofWritersRacingForOneNameExactlyOneWins() throws Exception {
        FileCalls calls = FileCalls.bind();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 50; round++) {
                Path target = tmp.resolve("t" + round);
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Boolean>> placed = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Path mine = tmp.resolve(".t" + round + "-" + w + ".tmp");
                    byte[] data = ("writer " + w).getBytes(StandardCharsets.US_ASCII);
                    placed.add(pool.submit(() -> {
                        calls.writeNew(mine, data, data.length, 0444);
                        start.await();
                        return calls.placeIfAbsent(mine, target);
                    }));
                }
                int winners = 0;
                String winner = null;
                for (int w = 0; w < writers; w++) {
                    if (placed.get(w).get()) {
                        winners++;
                        winner = "writer " + w;
                    }
                }
                assertEquals(1, winners, "round " + round);
                assertEquals(winner, Files.readString(target), "the first writer's file stays, round " + round);
            }
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".tmp")).toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pathsAreNamedAsTheJdkNamesThem() throws Exception {
        String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
        assumeTrue(Charset.isSupported(jnu) && Charset.forName(jnu).newEncoder().canEncode("é"),
                "the locale's file-name encoding (" + jnu + ") has no é: the JDK cannot name such a file either");
        FileCalls calls = FileCalls.bind();
        Path f = tmp.resolve("café");
        calls.writeNew(f, new byte[] {1, 2}, 2, 0644);
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(f));
        assertTrue(calls.placeIfAbsent(f, tmp.resolve("crème")));
        assertTrue(Files.exists(tmp.resolve("crème")));
    }

    private static String toOctal(String bits) {
        int mode = 0;
        for (char c : bits.toCharArray()) {
            mode = (mode << 1) | (c == '-' ? 0 : 1);
        }
        return Integer.toOctalString(mode);
    }
}
