package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.version.Version;

/** The laws of the version order and of compat checks. */
class VersionProperties {
    @Provide
    Arbitrary<Version> versions() {
        return Generators.versions();
    }

    @Provide
    Arbitrary<Compat> compats() {
        return Generators.compats();
    }

    @Property
    void orderIsAntisymmetric(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)));
    }

    @Property
    void orderIsConsistentWithEquality(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        assertEquals(a.compareTo(b) == 0, a.equals(b));
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @Property
    void orderIsTransitive(@ForAll("versions") Version a, @ForAll("versions") Version b,
            @ForAll("versions") Version c) {
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0, a + " <= " + b + " <= " + c);
        }
    }

    @Property
    void orderIsTotal(@ForAll("versions") Version a, @ForAll("versions") Version b) {
        int c = a.compareTo(b);
        assertTrue(c < 0 || c == 0 || c > 0);
        assertTrue(a.compareTo(a) == 0);
    }

    @Property
    void serialisedFormParsesBack(@ForAll("versions") Version v) {
        Version again = Version.parse(v.toSerialized());
        assertEquals(v, again);
        assertEquals(v.partCount(), again.partCount());
    }

    @Property
    void displayAndStorageFormsParseBackEqual(@ForAll("versions") Version v) {
        assertEquals(v, Version.parse(v.toString()));
        assertEquals(v, Version.parse(v.toStorageString()));
    }

    @Property
    void compatChecksAreReflexive(@ForAll("compats") Compat compat, @ForAll("versions") Version v) {
        assertTrue(compat.check(v, v, CompatRule.API).isOk());
        assertTrue(compat.check(v, v, CompatRule.BINARY).isOk());
    }

    @Property
    void compatParsesBack(@ForAll("compats") Compat compat) {
        assertEquals(compat, Compat.parse(compat.toString()));
    }

    @Property
    void addingTrailingZerosChangesNothing(@ForAll("versions") Version v) {
        Version padded = Version.parse(v.base().toSerialized() + ".0.0"
                + (v.pre().isEmpty() ? "" : "-" + v.pre()) + (v.post().isEmpty() ? "" : "+" + v.post()));
        assertEquals(v, padded);
        assertEquals(0, v.compareTo(padded));
    }
}
