package spfs.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * libcrypto's SHA-256, as a pull hashes with it, gives the JDK's digest for any bytes fed in any
 * pieces, also after a copy taken midway. A failure prints "Seed was N"; {@code -DQT_SEED=N}
 * replays it.
 */
class NativeSha256Properties {
    private Libcrypto lib;

    @BeforeEach
    void bind() {
        Optional<Libcrypto> bound = Libcrypto.bind("libcrypto.so.3");
        assumeTrue(bound.isPresent(), "no OpenSSL 3 libcrypto on this system: pulls hash with the JDK there");
        lib = bound.get();
    }

    @Test
    void anyBytesInAnyPiecesHashAsTheJdkHashesThem() {
        qt().withExamples(300)
                .forAll(Generate.range(0, 300_000), Generate.range(0, 6), RandomValues.nonNegativeInts())
                .checkAssert((size, pieces, seed) -> {
                    Random random = new Random(seed);
                    byte[] data = new byte[size];
                    random.nextBytes(data);
                    byte[] expected = jdk().digest(data);
                    MessageDigest md = new NativeSha256(lib);
                    int at = 0;
                    for (int k = 0; k < pieces && at < size; k++) {
                        int n = random.nextInt(size - at + 1);
                        md.update(data, at, n);
                        at += n;
                    }
                    md.update(data, at, size - at);
                    assertArrayEquals(expected, md.digest());
                    assertArrayEquals(expected, lib.digest(data, 0, size));
                    // an engine is reusable once it has given its digest
                    md.update(data);
                    assertArrayEquals(expected, md.digest());
                });
    }

    @Test
    void aCopyTakenMidwayGoesOnByItself() throws Exception {
        byte[] data = new byte[10_000];
        new Random(7).nextBytes(data);
        MessageDigest md = new NativeSha256(lib);
        md.update(data, 0, 4_000);
        MessageDigest copy = (MessageDigest) md.clone();
        md.update(data, 4_000, 6_000);
        copy.update((byte) 1);
        assertArrayEquals(jdk().digest(data), md.digest());
        MessageDigest other = jdk();
        other.update(data, 0, 4_000);
        other.update((byte) 1);
        assertArrayEquals(other.digest(), copy.digest());
    }

    @Test
    void onlyAPullAsksForIt() {
        assertFalse(Libcrypto.bind("none").isPresent());
        assertFalse(Libcrypto.bind("/nonexistent/libcrypto.so.3").isPresent());
        // everything else (tests too) hashes with the JDK unless the launcher names the library
        assertTrue(System.getProperty(Libcrypto.PROPERTY) != null || !(Digest.sha256() instanceof NativeSha256));
    }

    private static MessageDigest jdk() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
