package spk.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.quicktheories.QuickTheory.qt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.generators.SourceDSL;
import spk.debian.catalog.DebCatalog;

/**
 * On random small catalogs (versions with epochs and {@code ~}, alternatives, every relation
 * operator, versioned and unversioned provides, conflicts and breaks against real and provided
 * names, essential packages, every Multi-Arch value and {@code :any}), our broken packages are
 * exactly dose-distcheck's. Skipped where dose-distcheck is not installed ({@code .ci/run}
 * installs it).
 */
class DoseAgreementProperties {
    private static final String[] NAMES = {"a", "b", "c", "d", "e", "f", "virt"};
    private static final String[] VERSIONS = {"1", "1.0-1", "2", "2~rc1", "1:0.5", "3.1+b1"};
    private static final String[] OPS = {"<<", "<=", "=", ">=", ">>"};
    private static final String[] MULTI_ARCH = {"", "same", "foreign", "allowed"};

    @TempDir
    Path dir;

    static boolean doseInstalled() {
        try {
            Process p = new ProcessBuilder("dose-distcheck", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** A random catalog's text, from a seed. */
    static String randomCatalog(long seed) {
        Random r = new Random(seed);
        List<String> stanzas = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int count = 3 + r.nextInt(8);
        for (int i = 0; i < count; i++) {
            String name = NAMES[r.nextInt(NAMES.length - 1)];
            String version = VERSIONS[r.nextInt(VERSIONS.length)];
            if (!seen.add(name + " " + version)) {
                // a real archive never lists one name and version twice; where a file does,
                // which copy dose-distcheck keeps is its own business
                continue;
            }
            List<String> lines = new ArrayList<>(List.of("Package: " + name,
                    "Version: " + version,
                    "Architecture: " + (r.nextBoolean() ? "amd64" : "all")));
            String ma = MULTI_ARCH[r.nextInt(MULTI_ARCH.length)];
            if (!ma.isEmpty()) {
                lines.add("Multi-Arch: " + ma);
            }
            if (r.nextInt(8) == 0) {
                lines.add("Essential: yes");
            }
            if (r.nextInt(3) > 0) {
                List<String> deps = new ArrayList<>();
                for (int d = 0, n = 1 + r.nextInt(2); d < n; d++) {
                    List<String> alts = new ArrayList<>();
                    for (int a = 0, m = 1 + r.nextInt(2); a < m; a++) {
                        alts.add(relation(r, true));
                    }
                    deps.add(String.join(" | ", alts));
                }
                lines.add((r.nextInt(5) == 0 ? "Pre-Depends: " : "Depends: ") + String.join(", ", deps));
            }
            if (r.nextInt(3) == 0) {
                lines.add("Provides: " + (r.nextBoolean() ? "virt" : NAMES[r.nextInt(NAMES.length)])
                        + (r.nextBoolean() ? " (= " + VERSIONS[r.nextInt(VERSIONS.length)] + ")" : ""));
            }
            if (r.nextInt(3) == 0) {
                lines.add((r.nextBoolean() ? "Conflicts: " : "Breaks: ") + relation(r, false));
            }
            stanzas.add(String.join("\n", lines));
        }
        return String.join("\n\n", stanzas) + "\n";
    }

    private static String relation(Random r, boolean qualify) {
        String name = NAMES[r.nextInt(NAMES.length)];
        if (qualify && r.nextInt(4) == 0) {
            name += r.nextBoolean() ? ":any" : ":native";
        }
        if (r.nextBoolean()) {
            return name;
        }
        return name + " (" + OPS[r.nextInt(OPS.length)] + " " + VERSIONS[r.nextInt(VERSIONS.length)] + ")";
    }

    private List<String> dose(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dose-distcheck", "--deb-native-arch=amd64", "-f", "deb://" + file)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        List<String> broken = new ArrayList<>();
        String name = null;
        String version = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("  package: ")) {
                name = line.substring(11).strip();
            } else if (line.startsWith("  version: ")) {
                version = line.substring(11).strip();
            } else if (line.strip().equals("status: broken")) {
                broken.add(name + "/" + version);
            }
        }
        broken.sort(null);
        return broken;
    }

    @Test
    void brokenPackagesAreDoseDistchecks() {
        assumeTrue(doseInstalled(), "dose-distcheck is not installed (apt-get install dose-distcheck)");
        qt().withExamples(200).forAll(SourceDSL.longs().all()).checkAssert(seed -> {
            try {
                String text = randomCatalog(seed);
                Path file = dir.resolve("Packages");
                Files.writeString(file, text);
                DebCatalog c = DebCatalog.load(List.of(file), "amd64");
                List<String> expected = dose(file);
                assertEquals(expected, Snippets.broken(c, 1), text);
                assertEquals(expected, Snippets.broken(c, 2), text);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
