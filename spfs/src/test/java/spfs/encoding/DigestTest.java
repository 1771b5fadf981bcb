package spfs.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import spfs.error.SpfsException;

/** Digests' text forms; the properties print "Seed was N" on failure, {@code -DQT_SEED=N} replays. */
class DigestTest {
    /** Engines are copies of one prototype: each must start empty and hash on its own, as a fresh JDK engine does. */
    @Test
    void everyEngineStartsEmptyAndHashesOnItsOwn() throws Exception {
        java.security.MessageDigest reference = java.security.MessageDigest.getInstance("SHA-256");
        qt().withExamples(300)
                .forAll(org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 300),
                        org.quicktheories.generators.SourceDSL.strings().allPossible().ofLengthBetween(0, 300))
                .checkAssert((a, b) -> {
                    byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    java.security.MessageDigest first = Digest.sha256();
                    first.update(x);
                    java.security.MessageDigest second = Digest.sha256();
                    second.update(y);
                    // interleaved: a shared state would mix the two inputs
                    first.update(y);
                    reference.update(x);
                    reference.update(y);
                    assertEquals(Digest.fromBytes(reference.digest()), Digest.finish(first));
                    assertEquals(Digest.fromBytes(reference.digest(y)), Digest.finish(second));
                    assertEquals(Digest.fromBytes(reference.digest(x)), Digest.of(x));
                });
    }

    @Test
    void textRoundTrip() {
        qt().withExamples(1000).forAll(RandomValues.digests()).checkAssert(d -> {
            assertEquals(56, d.toString().length());
            assertTrue(d.toString().endsWith("===="));
            assertEquals(d, Digest.parse(d.toString()));
            assertEquals(d, Digest.parse(d.toString().replace("=", "")));
        });
    }

    @Test
    void theTextIsRfc4648Base32AsAGeneralCodecWritesIt() {
        org.apache.commons.codec.binary.Base32 reference = new org.apache.commons.codec.binary.Base32();
        qt().withExamples(1000).forAll(RandomValues.digests()).checkAssert(d -> {
            assertEquals(new String(reference.encode(d.bytes()), java.nio.charset.StandardCharsets.US_ASCII), d.toString());
            assertEquals(d, Digest.fromBytes(reference.decode(d.toString())));
        });
    }

    @Test
    void aTextWithTheUnusedBitsOfItsLastCharacterSetIsNoDigest() {
        String t = Digest.NULL.toString().substring(0, 52);
        assertEquals('A', t.charAt(51));
        // 52 characters carry 260 bits: the last character's low 4 bits belong to no byte
        for (char last : "BCDEFGHIJKLMNOP".toCharArray()) {
            String bad = t.substring(0, 51) + last;
            assertThrows(SpfsException.class, () -> Digest.parse(bad), bad);
            assertThrows(SpfsException.class, () -> Digest.parse(bad + "===="), bad);
            assertFalse(PartialDigest.parse(bad).toFull().isPresent(), bad);
        }
        assertEquals(Digest.NULL, Digest.parse(t.substring(0, 51) + "A=="));
        assertThrows(SpfsException.class, () -> Digest.parse(t + "===" + "A"));
        assertThrows(SpfsException.class, () -> Digest.parse(t.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void everyPrefixOfEvenByteLengthIsAPartialDigestThatMatches() {
        qt().withExamples(1000).forAll(RandomValues.digests()).checkAssert(d -> {
            String t = d.toString().replace("=", "");
            for (int n = 1; n <= t.length(); n++) {
                int rem = n % 8;
                boolean valid = rem != 1 && rem != 3 && rem != 6;
                String prefix = t.substring(0, n);
                assertEquals(valid, PartialDigest.looksLikeDigest(prefix), prefix);
                if (valid) {
                    assertTrue(PartialDigest.parse(prefix).matches(d));
                }
            }
        });
    }

    @Test
    void partialDigestsRejectWhatCannotBeBase32() {
        assertThrows(SpfsException.class, () -> PartialDigest.parse(""));
        assertThrows(SpfsException.class, () -> PartialDigest.parse("A"));
        assertThrows(SpfsException.class, () -> PartialDigest.parse("abcd"));
        assertThrows(SpfsException.class, () -> PartialDigest.parse("AB1D"));
        assertFalse(PartialDigest.parse("ABCD").toFull().isPresent());
        assertThrows(SpfsException.class, () -> Digest.parse("ABCD"));
    }

    @Test
    void binaryPrimitivesAreBigEndianAndNulTerminated() {
        byte[] b = BinaryWriter.toBytes().u64(258).string("hé").u8(7).bytes();
        assertEquals(8 + 3 + 1 + 1, b.length);
        assertEquals(1, b[6]);
        assertEquals(2, b[7]);
        BinaryReader r = new BinaryReader(b);
        assertEquals(258, r.u64());
        assertEquals("hé", r.string());
        assertEquals(7, r.u8());
        assertTrue(r.atEnd());
        assertThrows(IllegalArgumentException.class, () -> BinaryWriter.toBytes().string("a\0b"));
    }
}
