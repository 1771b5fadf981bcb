package spfs.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import spfs.encoding.Digest;

/** Every digest test vector of spfs's documentation, plus the one more tree vector spfs's tests carry. */
class TestVectorsTest {
    private static final ObjectFormat LEGACY_DIGEST = new ObjectFormat(DigestStrategy.LEGACY, EncodingFormat.FLATBUFFERS);

    private static Digest d(String s) {
        return Digest.parse(s);
    }

    @Test
    void emptyInputDigest() {
        assertEquals("4OYMIQUY7QOBJGX36TEJS35ZEQT24QPEMSNZGTFESWMRW6CSXBKQ====", Digest.EMPTY.toString());
        assertEquals(Digest.of(new byte[0]), Digest.EMPTY, "the written-out constant is the hash of no bytes");
        assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA====", Digest.NULL.toString());
    }

    @Test
    void payloadOfHelloWorld() {
        Digest p = Digest.of("hello world\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("VFEJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====", p.toString());
        assertEquals(p, new Blob(p, 12).digest(), "a blob is named by its payload");
    }

    @Test
    void treeEntry() {
        Entry e = new Entry("testcase", EntryKind.TREE, 040755, 36,
                d("K53HFSBQEYR4SVFIDUGT63IE233MAMVKBQFXLA7M6HCR2AEMKIJQ===="));
        assertEquals(d("VTTVI5AZULVVVIWRQMWKJ67TUAGWIECAS2GVTA7Q2QINS4XK4HQQ===="), e.digest());
    }

    @Test
    void fileEntry() {
        Entry e = new Entry("swig_full_names.xsl", EntryKind.BLOB, 0100644, 3293,
                d("ZD25L3AN5E3LTZ6MDQOIZUV6KRV5Y4SSXRE4YMYZJJ3PXCQ3FMQA===="));
        assertEquals(d("GP7DYE22DYLH3I5MB33PW5Z3AZXZIBGOND7MX65KECBMHVMXBUHQ===="), e.digest());
    }

    @Test
    void treeOfFourEntries() {
        Tree t = new Tree(List.of(
                new Entry(".helmignore", EntryKind.BLOB, 0100644, 342, d("NJDVDBWMXKU2BJG6L2LKLS3N3T47VUGXNPBY4BCHBLEEIRNSDILA====")),
                new Entry("Chart.yaml", EntryKind.BLOB, 0100644, 911, d("ULAX2BMLX3WKVI7YKRQLJEQDEWJRSDPCFPZPGBJCIQZJ4FIVZIKA====")),
                new Entry("templates", EntryKind.TREE, 040755, 1, d("6LMAERTKGND5WAA4VQQLDAVPXZIHGBOVUCVS7WEGHQIZPWSRJ5FA====")),
                new Entry("values.yaml", EntryKind.BLOB, 0100644, 1699, d("IZFXS6UQJTHYBVYK3KYPPZC3FYX6NL3L3MWXAJUULAJMFTGZPODQ===="))));
        assertEquals(d("KP7FNGMD5XRT5KGZRDT5R33M3BGFS2SJG5DHFKJV3KKWZG3AGVXA===="), t.digest());
    }

    @Test
    void treeOfOneDirectory() {
        Tree t = new Tree(List.of(new Entry("pkg", EntryKind.TREE, 040755, 1,
                d("CLWYXZVIKLJ2YUQC32ZLMZGDCVUOL577YAMRABDTZYTJNU6O6SYA===="))));
        assertEquals(d("CHDST3RTAIOJWFBV3OXFB2QZ4U5FTCCJIZXPEQJFCESZMIFZSPTA===="), t.digest());
    }

    @Test
    void emptyPlatform() {
        assertEquals(d("V5KXB5NBQEFXV54MV5F4OCTGB4G7KHSCXL4R2TPFWIZI3YHIHX6A===="),
                new Platform(List.of(), LEGACY_DIGEST).digest());
        assertEquals(Digest.of(new byte[8]), new Platform(List.of(), ObjectFormat.LEGACY).digest());
        assertEquals(d("YBC67LH2QKP6E3UGXZ3GEVYMDUAHH3QJGLKVNKOERBHYD5QHRX4A===="),
                new Platform(List.of(), ObjectFormat.DEFAULT).digest());
    }

    @Test
    void saltingSeparatesAnEmptyPlatformFromEightZeroBytes() {
        assertNotEquals(Digest.of(new byte[8]), new Platform(List.of()).digest());
    }

    @Test
    void emptyManifest() {
        assertEquals(d("G5DQR77XOGO5LF46ZB25K3GSFBXW2PHX5QYXUOZFMMVKWKHMG65Q===="),
                Manifest.empty(LEGACY_DIGEST).digest());
        assertEquals(d("UAFQ5RS7RPWKETARRNCOQMDZH5Y3DJ6XP42KS6GQMK3S2A5C5ULA===="),
                Manifest.empty(ObjectFormat.DEFAULT).digest());
    }
}
