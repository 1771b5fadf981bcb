package spk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spk.grammar.ident.BuildIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.SpecLoader;
import spk.spec.model.PackageSpec;
import spk.spec.write.SpecWriter;

/** An spfs repository's index answers as its spec tags do, and goes stale when another writer changes them. */
class SpfsIndexFileTest {
    @TempDir
    Path tmp;

    static final SpecLoader LOADER = new SpecLoader("0.44.0", Map.of());

    private SpfsPackageRepository open(List<String> warnings) {
        return new SpfsPackageRepository("origin", FsRepository.open(tmp.resolve("repo"), Optional.empty()), LOADER)
                .withIndexWarnings(warnings::add);
    }

    private static String spec(String ident, String extra) {
        return "api: v0/package\npkg: " + ident + "\n" + extra;
    }

    private SpfsPackageRepository published() {
        FsRepository.create(tmp.resolve("repo"), Optional.empty());
        SpfsPackageRepository repo = open(new ArrayList<>());
        String[] idents = {"hello/1.2.0/AAAAAAAA", "hello/1.3.0/BBBBBBBB", "hello/1.3.0/CCCCCCCC",
            "greeter/1.0.0/DDDDDDDD", "tool/1.0.0+r.1/EEEEEEEE", "dcc/2024.1.0/FFFFFFFF"};
        String[] extras = {"install:\n  components:\n    - {name: run, files: [/bin/]}\n",
            "build:\n  options:\n    - {var: os, static: linux}\n",
            "install:\n  requirements:\n    - {pkg: greeter/1.0, include: IfAlreadyPresent}\n",
            "install:\n  requirements:\n    - {pkg: hello/1.2}\n", "compat: x.a.b\n",
            "install:\n  embedded:\n    - pkg: py/3.9.0\n"};
        for (int i = 0; i < idents.length; i++) {
            repo.publish(spec(idents[i], extras[i]), Map.of(), ObjectFormat.DEFAULT, "test");
        }
        return repo;
    }

    private static Map<String, String> answers(SpfsPackageRepository repo) {
        Map<String, String> out = new TreeMap<>();
        for (PkgName n : repo.packageNames()) {
            out.put(n + " versions", repo.versions(n).toString());
            for (Version v : repo.versions(n)) {
                for (PackageSpec b : repo.builds(n, v)) {
                    out.put(b.pkg().toString(), SpecWriter.toMap(b) + " " + b.hashCode());
                }
            }
            out.put(n + " embedded by", repo.embeddedBy(n).stream().map(b -> b.pkg().toString()).sorted().toList()
                    .toString());
        }
        out.put("py embedded by", open0(repo).toString());
        return out;
    }

    private static List<String> open0(SpfsPackageRepository repo) {
        return repo.embeddedBy(new PkgName("py")).stream().map(b -> b.pkg().toString()).toList();
    }

    @Test
    void theIndexAnswersAsTheTagsDo() throws Exception {
        SpfsPackageRepository repo = published();
        Map<String, String> plain = answers(open(new ArrayList<>()));
        SpfsIndexFile.Summary s = SpfsIndexFile.write(repo);
        assertEquals(6, s.specs());
        List<String> warnings = new ArrayList<>();
        SpfsPackageRepository indexed = open(warnings);
        assertTrue(indexed.fromIndex());
        assertEquals(plain, answers(indexed));
        assertEquals(List.of(), warnings);
        assertEquals(List.of("dcc/2024.1.0/FFFFFFFF"), open0(indexed));
    }

    @Test
    void anotherWritersPublishRemoveOrDeprecateMakesTheIndexStale() throws Exception {
        SpfsPackageRepository repo = published();
        SpfsIndexFile.write(repo);
        assertEquals(Optional.empty(), SpfsIndexFile.refreshIfPresent(repo), "a fresh index is left as it is");
        // another process: its own repository object, no index upkeep
        SpfsPackageRepository other = open(new ArrayList<>());
        other.publish(spec("hello/1.4.0/GGGGGGGG", ""), Map.of(), ObjectFormat.DEFAULT, "someone");
        List<String> warnings = new ArrayList<>();
        SpfsPackageRepository reader = open(warnings);
        assertFalse(reader.fromIndex());
        assertTrue(reader.versions(new PkgName("hello")).contains(Version.parse("1.4.0")));
        assertEquals(1, warnings.size(), warnings.toString());

        SpfsIndexFile.Summary s = SpfsIndexFile.refreshIfPresent(other).orElseThrow();
        assertEquals(6, s.reused(), "only the new tag is read again: " + s);
        assertEquals(1, s.read());
        assertTrue(open(new ArrayList<>()).fromIndex());

        open(new ArrayList<>()).removeBuild(BuildIdent.parse("hello/1.3.0/BBBBBBBB"));
        reader = open(new ArrayList<>());
        assertFalse(reader.fromIndex());
        assertEquals(1, reader.builds(new PkgName("hello"), Version.parse("1.3.0")).size());
        SpfsIndexFile.refreshIfPresent(reader);
        assertEquals(1, open(new ArrayList<>()).builds(new PkgName("hello"), Version.parse("1.3.0")).size());

        SpfsPackageRepository writer = open(new ArrayList<>());
        PackageSpec g = writer.builds(new PkgName("greeter"), Version.parse("1.0.0")).get(0);
        writer.updateBuild(g.withDeprecated(true), ObjectFormat.DEFAULT, "someone");
        reader = open(new ArrayList<>());
        assertFalse(reader.fromIndex());
        assertTrue(reader.builds(new PkgName("greeter"), Version.parse("1.0.0")).get(0).deprecated());
        SpfsIndexFile.refreshIfPresent(reader);
        reader = open(new ArrayList<>());
        assertTrue(reader.fromIndex());
        assertTrue(reader.builds(new PkgName("greeter"), Version.parse("1.0.0")).get(0).deprecated());
    }

    @Test
    void aDamagedIndexFallsBackToTheTags() throws Exception {
        SpfsPackageRepository repo = published();
        Map<String, String> plain = answers(open(new ArrayList<>()));
        SpfsIndexFile.write(repo);
        Path file = tmp.resolve("repo").resolve(SpfsIndexFile.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 7));
        List<String> warnings = new ArrayList<>();
        SpfsPackageRepository reader = open(warnings);
        assertEquals(plain, answers(reader));
        assertFalse(reader.fromIndex());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aRepositoryWithoutAnIndexIsNotGivenOne() throws Exception {
        SpfsPackageRepository repo = published();
        assertEquals(Optional.empty(), SpfsIndexFile.refreshIfPresent(repo));
        assertFalse(Files.exists(tmp.resolve("repo").resolve(SpfsIndexFile.FILE_NAME)));
        assertFalse(open(new ArrayList<>()).fromIndex());
    }
}
