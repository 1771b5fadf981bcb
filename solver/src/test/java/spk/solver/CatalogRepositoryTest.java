package spk.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.grammar.ident.Component;
import spk.grammar.ident.BuildIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.CatalogRepository;
import spk.spec.problem.SpecException;

/** Catalog folders: every layout of spec files is found, indexed without parsing, and read on demand. */
class CatalogRepositoryTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static Set<String> versions(CatalogRepository repo, String pkg) {
        return repo.versions(new PkgName(pkg)).stream().map(Version::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyLayoutIsFound() throws IOException {
        // a block list, with comments and a quoted ident
        write("list.yaml", "# two builds\n- pkg: aa/1.0.0/AAAAAAAA\n  install:\n    requirements: [{pkg: bb}]\n"
                + "- pkg: 'aa/2.0.0/BBBBBBBB'\n");
        // one mapping, in a sub-folder, with a .yml name
        write("deep/er/b.yml", "pkg: bb/1.0.0/CCCCCCCC\nbuild:\n  options:\n    - {var: debug, static: on}\n");
        // flow style and anchors: parsed whole
        write("flow.yaml", "[{pkg: cc/1.0.0/DDDDDDDD}, {pkg: cc/1.1.0/EEEEEEEE}]\n");
        write("anchors.yaml", "- &one\n  pkg: dd/1.0.0/FFFFFFFF\n- pkg: dd/2.0.0/GGGGGGGG\n");
        // something that embeds another package
        write("e.yaml", "- pkg: ee/1.0.0/HHHHHHHH\n  install:\n    embedded:\n      - pkg: inner/3.0.0\n");
        // a single mapping whose embedded packages come before its pkg key
        write("ff.yaml", "install:\n  embedded:\n    - pkg: inner2/1.0.0\npkg: ff/1.0.0/AAAAAAAA\n");
        write("notes.txt", "not a spec");
        CatalogRepository repo = CatalogRepository.load("cat", dir);
        assertEquals(Set.of("aa", "bb", "cc", "dd", "ee", "ff"), repo.packageNames().stream().map(PkgName::value)
                .collect(Collectors.toSet()));
        assertEquals(Set.of("1.0.0", "2.0.0"), versions(repo, "aa"));
        assertEquals(Set.of("1.0.0", "1.1.0"), versions(repo, "cc"));
        assertEquals(Set.of("1.0.0", "2.0.0"), versions(repo, "dd"));
        assertEquals("bb", repo.builds(new PkgName("aa"), Version.parse("1.0.0")).get(0).install().requirements()
                .get(0).toString().substring(0, 2));
        assertEquals(1, repo.embeddedBy(new PkgName("inner")).size());
        assertEquals(1, repo.embeddedBy(new PkgName("inner2")).size());
        assertEquals(Set.of(Component.BUILD, Component.RUN),
                repo.publishedComponents(BuildIdent.parse("bb/1.0.0/CCCCCCCC")));
    }

    @Test
    void versionsWrittenDifferentlyAreOneVersion() throws IOException {
        write("x.yaml", "- pkg: xx/1.0/AAAAAAAA\n- pkg: xx/1.0.0/BBBBBBBB\n");
        CatalogRepository repo = CatalogRepository.load("cat", dir);
        assertEquals(1, repo.versions(new PkgName("xx")).size());
        assertEquals(2, repo.builds(new PkgName("xx"), Version.parse("1")).size());
    }

    @Test
    void aBadSpecIsReportedWithItsFileAndLine() throws IOException {
        write("ok.yaml", "- pkg: aa/1.0.0/AAAAAAAA\n");
        write("bad.yaml", "- pkg: bb/1.0.0/AAAAAAAA\n- pkg: bb/1..0/BBBBBBBB\n");
        CatalogRepository repo = CatalogRepository.load("cat", dir);
        SpecException e = assertThrows(SpecException.class, () -> repo.versions(new PkgName("bb")));
        assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains(":2:"), e.getMessage());
    }

    @Test
    void aBrokenFileIsReportedAtLoad() throws IOException {
        write("broken.yaml", "[{pkg: cc/1.0.0/DDDDDDDD}, {pkg: \n");
        SpecException e = assertThrows(SpecException.class, () -> CatalogRepository.load("cat", dir));
        assertTrue(e.getMessage().contains("broken.yaml"), e.getMessage());
    }

    @Test
    void severalDocumentsInOneFileAreRefused() throws IOException {
        write("docs.yaml", "pkg: dd/1.0.0/FFFFFFFF\n---\npkg: dd/2.0.0/GGGGGGGG\n");
        SpecException e = assertThrows(SpecException.class, () -> CatalogRepository.load("cat", dir));
        assertTrue(e.getMessage().contains("docs.yaml:2:1") && e.getMessage().contains("another document"),
                e.getMessage());
    }

    @Test
    void aMissingFolderIsReported() {
        SpecException e = assertThrows(SpecException.class, () -> CatalogRepository.load("cat", dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no such repository"), e.getMessage());
    }

    @Test
    void aSingleFileIsACatalogToo() throws IOException {
        write("one.yaml", "- pkg: aa/1.0.0/AAAAAAAA\n- pkg: bb/1.0.0/AAAAAAAA\n");
        assertEquals(List.of("aa", "bb"), CatalogRepository.load("cat", dir.resolve("one.yaml")).packageNames().stream()
                .map(PkgName::value).sorted().toList());
    }
}
