package spk.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import spk.debian.catalog.CatalogException;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.catalog.MultiArch;
import spk.debian.version.DebianVersion;

/** Reading Packages files (plain, xz, gzip), their errors, and dpkg's version order. */
class CatalogReadingTest {
    @TempDir
    Path dir;

    private static final String TEXT = """
            Package: app
            Version: 1:2.0~rc1-3
            Architecture: amd64
            Multi-Arch: foreign
            Description: ignored
             continuation of a field we skip
            Pre-Depends: dpkg (>= 1.15)
            Depends: lib (>= 2) | lib-compat,
             other:any
            Breaks: old (<< 1)
            Conflicts: rival
            Provides: app-api (= 2), app-virtual

            Package: lib
            Version: 2
            Architecture: all
            Essential: yes
            """;

    @Test
    void readsTheFieldsThatDecideInstallabilityFromEveryCompression() throws Exception {
        Path plain = dir.resolve("Packages");
        Files.writeString(plain, TEXT);
        Path gz = dir.resolve("Packages.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        Path xz = dir.resolve("Packages.xz");
        try (OutputStream o = new XZOutputStream(Files.newOutputStream(xz), new LZMA2Options())) {
            o.write(TEXT.getBytes(StandardCharsets.UTF_8));
        }
        for (Path f : List.of(plain, gz, xz)) {
            DebCatalog c = DebCatalog.load(List.of(f), "amd64");
            assertEquals(2, c.size(), f.toString());
            DebPackage app = c.get(c.named("app")[0]);
            assertEquals("1:2.0~rc1-3", app.version().text());
            assertEquals(MultiArch.FOREIGN, app.multiArch());
            assertEquals("[[dpkg (>= 1.15)], [lib (>= 2), lib-compat], [other:any]]", app.depends().toString());
            assertEquals("[rival, old (<< 1)]", app.conflicts().toString());
            assertEquals("breaks", app.conflictField(1));
            assertEquals("[app-api (= 2), app-virtual]", app.provides().toString());
            assertEquals(List.of("app"), c.providers("app-api").stream().map(p -> c.get(p.pkg()).name()).toList());
            assertTrue(c.get(c.named("lib")[0]).essential());
            assertEquals(List.of("lib"), List.copyOf(c.essentials().keySet()));
        }
    }

    @Test
    void badInputNamesTheFileLineAndField() throws Exception {
        Path f = dir.resolve("Broken");
        Files.writeString(f, "Package: a\nVersion: 1\nArchitecture: all\n\nPackage: b\nVersion: 1\nArchitecture: all\n"
                + "Depends: c (>= )\n");
        CatalogException e = assertThrows(CatalogException.class, () -> DebCatalog.load(List.of(f), "amd64"));
        assertTrue(e.getMessage().startsWith(f + ":8: Depends: "), e.getMessage());
        Files.writeString(f, "Package: a\nArchitecture: all\n");
        e = assertThrows(CatalogException.class, () -> DebCatalog.load(List.of(f), "amd64"));
        assertTrue(e.getMessage().contains("has no Version field"), e.getMessage());
        e = assertThrows(CatalogException.class, () -> DebCatalog.load(List.of(dir.resolve("missing")), "amd64"));
        assertEquals(2, e.kind().exitCode());
    }

    @Test
    void versionsSortAsDpkgSortsThem() {
        String[] ascending = {"0.9", "1.0~~", "1.0~rc1", "1.0", "1.0-0.1", "1.0-1", "1.0a", "1.0+b1", "1.00.1", "1.1",
            "1.10", "2", "1:0.1"};
        for (int i = 0; i + 1 < ascending.length; i++) {
            DebianVersion a = DebianVersion.parse(ascending[i]);
            DebianVersion b = DebianVersion.parse(ascending[i + 1]);
            assertTrue(a.compareTo(b) < 0, a + " < " + b);
            assertTrue(b.compareTo(a) > 0, b + " > " + a);
        }
        assertEquals(0, DebianVersion.parse("1.0").compareTo(DebianVersion.parse("0:1.0-0")));
        assertEquals(0, DebianVersion.parse("1.01").compareTo(DebianVersion.parse("1.1")));
    }

    static boolean dpkgInstalled() {
        try {
            return new ProcessBuilder("dpkg", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** On random versions, our order is dpkg's own ({@code dpkg --compare-versions}). */
    @Test
    void versionOrderIsDpkgs() {
        assumeTrue(dpkgInstalled(), "dpkg is not installed");
        String alphabet = "0123456789.~+-:ab";
        qt().withExamples(60).forAll(SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 0),
                SourceDSL.longs().all()).checkAssert((unused, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    String a = randomVersion(r, alphabet);
                    String b = randomVersion(r, alphabet);
                    int ours = Integer.signum(DebianVersion.parse(a).compareTo(DebianVersion.parse(b)));
                    assertEquals(dpkg(a, b), ours, a + " vs " + b);
                });
    }

    private static String randomVersion(java.util.Random r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(4) == 0) {
            sb.append(r.nextInt(3)).append(':');
        }
        sb.append(r.nextInt(10));
        for (int i = 0, n = r.nextInt(6); i < n; i++) {
            char c = alphabet.charAt(r.nextInt(alphabet.length() - 1));
            sb.append(c == ':' ? '.' : c);
        }
        if (sb.charAt(sb.length() - 1) == '-') {
            sb.append('1');
        }
        return sb.toString();
    }

    private static int dpkg(String a, String b) {
        try {
            if (new ProcessBuilder("dpkg", "--compare-versions", a, "lt", b).start().waitFor() == 0) {
                return -1;
            }
            return new ProcessBuilder("dpkg", "--compare-versions", a, "eq", b).start().waitFor() == 0 ? 0 : 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
