package spk.debian;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.catalog.PackagesReader;
import spk.debian.check.Distcheck;

/** Small hand-written Packages catalogs for tests. */
public final class Snippets {
    private Snippets() {}

    /** A catalog of stanzas (each {@code Field: value} lines), for amd64. */
    public static DebCatalog catalog(String... stanzas) {
        String text = String.join("\n\n", stanzas) + "\n";
        return DebCatalog.of(PackagesReader.parse(text.getBytes(StandardCharsets.UTF_8), "test", 0), "amd64");
    }

    /** A minimal stanza: name, version, architecture amd64, then any more lines. */
    public static String pkg(String name, String version, String... more) {
        List<String> lines = new ArrayList<>(List.of("Package: " + name, "Version: " + version, "Architecture: amd64"));
        lines.addAll(Arrays.asList(more));
        return String.join("\n", lines);
    }

    /** The broken packages as {@code name/version}, sorted. */
    public static List<String> broken(DebCatalog c, int threads) {
        Distcheck.Result r = Distcheck.run(c, threads);
        List<String> out = new ArrayList<>();
        for (int id : r.broken()) {
            DebPackage p = c.get(id);
            out.add(p.name() + "/" + p.version());
        }
        out.sort(null);
        return out;
    }
}
