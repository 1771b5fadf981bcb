package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands alone: a clone has no reference documents beside it, so no README, doc,
 * script or source comment sends readers to them (their folder, their file names, their section
 * numbers). docs/ says what SPK does in our own words and names SPK's own documents and source.
 */
class StandaloneRepositoryTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    /** Built by pieces, so that this file does not match itself. */
    static final List<String> POINTERS = List.of("shared" + "/reference", "/work" + "/shared", "spk" + ".md",
            "spfs" + ".md", "solver-notes" + ".md", "\u00a7");

    @Test
    void nothingPointsOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String rel = REPO.relativize(f).toString();
                if (!Files.isRegularFile(f) || rel.startsWith(".git") || rel.contains("/target/") || rel.startsWith("target/")
                        || rel.startsWith("demo/") || !rel.matches(".*\\.(java|md|sh|g4|xml|yaml|yml|toml|txt)|bin/.*|\\.ci/.*")) {
                    continue;
                }
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                } catch (MalformedInputException e) {
                    continue; // not text
                }
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    for (String p : POINTERS) {
                        if (lines[i].contains(p)) {
                            found.add(rel + ":" + (i + 1) + ": " + lines[i].strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "pointers to documents a clone does not have");
    }
}
