package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static spk.grammar.Generators.compats;
import static spk.grammar.Generators.versions;

import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.version.Version;

/**
 * The laws of the version order and of compat checks. A failure prints "Seed was N";
 * {@code -DQT_SEED=N} replays it.
 */
class VersionProperties {
    private static QuickTheory tries() {
        return qt().withExamples(1000);
    }

    @Test
    void orderIsAntisymmetric() {
        tries().forAll(versions(), versions()).checkAssert((a, b) ->
                assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a))));
    }

    @Test
    void orderIsConsistentWithEquality() {
        tries().forAll(versions(), versions()).checkAssert((a, b) -> {
            assertEquals(a.compareTo(b) == 0, a.equals(b));
            if (a.equals(b)) {
                assertEquals(a.hashCode(), b.hashCode());
            }
        });
    }

    @Test
    void orderIsTransitive() {
        tries().forAll(versions(), versions(), versions()).checkAssert((a, b, c) -> {
            if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
                assertTrue(a.compareTo(c) <= 0, a + " <= " + b + " <= " + c);
            }
        });
    }

    @Test
    void orderIsTotal() {
        tries().forAll(versions(), versions()).checkAssert((a, b) -> {
            int c = a.compareTo(b);
            assertTrue(c < 0 || c == 0 || c > 0);
            assertTrue(a.compareTo(a) == 0);
        });
    }

    @Test
    void serialisedFormParsesBack() {
        tries().forAll(versions()).checkAssert(v -> {
            Version again = Version.parse(v.toSerialized());
            assertEquals(v, again);
            assertEquals(v.partCount(), again.partCount());
        });
    }

    @Test
    void displayAndStorageFormsParseBackEqual() {
        tries().forAll(versions()).checkAssert(v -> {
            assertEquals(v, Version.parse(v.toString()));
            assertEquals(v, Version.parse(v.toStorageString()));
        });
    }

    @Test
    void compatChecksAreReflexive() {
        tries().forAll(compats(), versions()).checkAssert((compat, v) -> {
            assertTrue(compat.check(v, v, CompatRule.API).isOk());
            assertTrue(compat.check(v, v, CompatRule.BINARY).isOk());
        });
    }

    @Test
    void compatParsesBack() {
        tries().forAll(compats()).checkAssert(compat -> assertEquals(compat, Compat.parse(compat.toString())));
    }

    @Test
    void addingTrailingZerosChangesNothing() {
        tries().forAll(versions()).checkAssert(v -> {
            Version padded = Version.parse(v.base().toSerialized() + ".0.0"
                    + (v.pre().isEmpty() ? "" : "-" + v.pre()) + (v.post().isEmpty() ? "" : "+" + v.post()));
            assertEquals(v, padded);
            assertEquals(0, v.compareTo(padded));
        });
    }
}
