package spk.cli.spk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import spk.debian.catalog.DebCatalog;

/** The Debian catalog of a {@code spk bench} command: files to merge, and the native architecture. */
final class CatalogArgs {
    @Option(names = "--arch", paramLabel = "ARCH", description = "The native architecture (default amd64).")
    String arch = "amd64";

    /** Reads the catalogs: Packages files, each argument one file or several joined by commas (merged, first read wins). */
    DebCatalog load(List<String> specs) {
        List<Path> files = new ArrayList<>();
        for (String s : specs) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    files.add(Path.of(part.strip()));
                }
            }
        }
        return DebCatalog.load(files, arch);
    }
}
