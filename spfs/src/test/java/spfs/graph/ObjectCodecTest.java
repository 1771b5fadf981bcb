package spfs.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;

class ObjectCodecTest {
    @Test
    void headerLayout() {
        byte[] b = ObjectCodec.encode(new Platform(List.of()));
        assertArrayEquals("--SPFS--\n".getBytes(), java.util.Arrays.copyOf(b, 9));
        assertEquals(1, b[9], "WithKindAndSalt");
        assertEquals(1, b[10], "FlatBuffers");
        assertArrayEquals(new byte[5], java.util.Arrays.copyOfRange(b, 11, 16));
        assertEquals(3, b[16], "platform");
    }

    @Test
    void legacyHeaderIsTheOldBigEndianKind() {
        Digest x = Digest.ofUtf8("x");
        byte[] b = ObjectCodec.encode(new Blob(x, 5, ObjectFormat.LEGACY));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0}, java.util.Arrays.copyOfRange(b, 9, 17));
        assertEquals(17 + 32 + 8, b.length);
    }

    @Test
    void legacyPlatformIsStoredTopDown() {
        Digest a = Digest.ofUtf8("a");
        Digest b = Digest.ofUtf8("b");
        byte[] bytes = ObjectCodec.encode(new Platform(List.of(a, b), ObjectFormat.LEGACY));
        assertEquals(b, Digest.fromBytes(bytes, 17 + 8));
        assertEquals(new Platform(List.of(a, b), ObjectFormat.LEGACY), ObjectCodec.decode(bytes));
    }

    @Test
    void pushingAnExistingDigestMovesItToTheTop() {
        Digest a = Digest.ofUtf8("a");
        Digest b = Digest.ofUtf8("b");
        assertEquals(List.of(b, a), new Platform(List.of(a, b, a)).stack());
    }

    @Test
    void unknownHeaderValuesAreRejected() {
        byte[] b = ObjectCodec.encode(new Platform(List.of()));
        for (int at : new int[] {0, 9, 10, 16}) {
            byte[] c = b.clone();
            c[at] = 9;
            assertThrows(MalformedObjectException.class, () -> ObjectCodec.decode(c));
        }
    }
}
