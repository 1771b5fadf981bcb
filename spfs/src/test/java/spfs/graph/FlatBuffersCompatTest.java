package spfs.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;

/**
 * Bodies built by code that {@code flatc --java} (2.0.8) generated from the spfs schema, kept as
 * golden bytes: our hand-written reader must decode them. (The other direction, flatc's reader
 * on our bytes, was checked the same way when these were made; see docs/spfs-storage.md.)
 */
class FlatBuffersCompatTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** The test digests: byte i of digest n is n * 31 + i. */
    private static Digest d(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return Digest.fromBytes(b);
    }

    @Test
    void platform() {
        assertEquals(new Platform(List.of(d(1), d(2))), ObjectCodec.decode(hex(
                "2d2d535046532d2d0a01010000000000030c00000008000e000700080008000000000000010c00000000000600080004"
                + "000600000004000000020000001f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3e3f40"
                + "4142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d")));
    }

    @Test
    void layerWithBothKindsOfAnnotation() {
        Layer expected = new Layer(Optional.of(d(3)), List.of(
                new Annotation("spk:name", new AnnotationValue.Text("value")),
                new Annotation("big", new AnnotationValue.BlobRef(d(9)))), ObjectFormat.DEFAULT);
        assertEquals(expected, ObjectCodec.decode(hex(
                "2d2d535046532d2d0a01010000000000020c00000008000c000700080008000000000000020c00000008002800080004"
                + "0008000000240000005d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c02000000580000"
                + "0004000000baffffff00000002340000000c0000000000060024000400060000001718191a1b1c1d1e1f202122232425"
                + "262728292a2b2c2d2e2f30313233343536030000006269670000000a001200080007000c000a00000000000001240000"
                + "000c000000000006000800040006000000040000000500000076616c75650000000800000073706b3a6e616d65000000"
                + "00")));
    }

    @Test
    void manifestWithTreeFileAndMask() {
        Tree sub = new Tree(List.of(new Entry("file.txt", EntryKind.BLOB, 0100644, 12, d(5))));
        Tree root = new Tree(List.of(new Entry("dir", EntryKind.TREE, 040755, 0, sub.digest()),
                new Entry("gone", EntryKind.MASK, 0777, 0, Digest.NULL)));
        assertEquals(new Manifest(List.of(root, sub), ObjectFormat.DEFAULT), ObjectCodec.decode(hex(
                "2d2d535046532d2d0a01010000000000010c00000008000c000700080008000000000000030400000056ffffff040000"
                + "000200000008000000a00000006affffff04000000020000005000000004000000c6ffffff2c000000ff010000000000"
                + "00000000000000000000000000000000000000000000000000000000000000000504000000676f6e6500000e0030002f"
                + "000f000800000004000e0000002c000000ed410000000000073d1252230af6b827861b2811f9f2cdabdaee279e097324"
                + "c047064e78c2425904030000006469720000000600080004000600000004000000010000001400000000000e00380000"
                + "0018001400080004000e000000340000000c0000000000000000000000a48100009b9c9d9e9fa0a1a2a3a4a5a6a7a8a9"
                + "aaabacadaeafb0b1b2b3b4b5b6b7b8b9ba0800000066696c652e74787400000000")));
    }

    @Test
    void blob() {
        assertEquals(new Blob(d(7), 12345678901L), ObjectCodec.decode(hex(
                "2d2d535046532d2d0a0101000000000000100000000000000008000c000700080008000000000000040c00000008002c"
                + "002400040008000000d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8351cdcdf020000"
                + "00")));
    }
}
