package spk.storage.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.check.Checker;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncReporter;
import spfs.tag.TagSpec;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.spec.SpecLoader;
import spk.spec.model.Recipe;
import spk.storage.SpfsPackageRepository;

/** spk export and import: SPK's .spk archives, through a fresh repository and back, digests intact. */
class PackageArchiveTest {
    @TempDir
    Path tmp;

    static final SpecLoader LOADER = new SpecLoader("0.44.0", Map.of());

    SpfsPackageRepository repo(String name) {
        return new SpfsPackageRepository(name, FsRepository.create(tmp.resolve(name), Optional.empty()), LOADER);
    }

    Digest layer(FsRepository spfs, String file, String text) throws Exception {
        Path d = Files.createTempDirectory(tmp, "layer");
        Files.createDirectories(d.resolve(file).getParent());
        Files.writeString(d.resolve(file), text);
        return new DirectoryCommitter(spfs, ObjectFormat.DEFAULT, 1).commit(d).layer().digest();
    }

    SpfsPackageRepository published() throws Exception {
        SpfsPackageRepository local = repo("local");
        local.updateRecipe((Recipe) LOADER.loadText("r", "pkg: tool/1.0.0\nbuild: {script: [true]}\n", OptionMap.EMPTY).spec(),
                ObjectFormat.DEFAULT, "test@host");
        local.publish("pkg: tool/1.0.0/AAAAAAAA\n", Map.of(Component.RUN, layer(local.spfs(), "bin/a", "a\n"),
                Component.BUILD, layer(local.spfs(), "include/a.h", "h\n")), ObjectFormat.DEFAULT, "test@host");
        local.publish("pkg: tool/1.0.0/src\n", Map.of(Component.SOURCE, layer(local.spfs(), "src/a.c", "c\n")),
                ObjectFormat.DEFAULT, "test@host");
        local.publish("pkg: tool/2.0.0/BBBBBBBB\n", Map.of(Component.RUN, layer(local.spfs(), "bin/b", "b\n")),
                ObjectFormat.DEFAULT, "test@host");
        return local;
    }

    static Map<String, Digest> spkTags(FsRepository spfs) {
        Map<String, Digest> out = new TreeMap<>();
        try (var s = spfs.tagStreams()) {
            s.forEach(t -> out.put(t.path(), spfs.resolveTag(t).target()));
        }
        return out;
    }

    @Test
    void aVersionGoesThroughAnArchiveIntoAFreshRepositoryWithEveryDigestKept() throws Exception {
        SpfsPackageRepository local = published();
        AnyIdent v1 = AnyIdent.parse("tool/1.0.0");
        assertEquals(Path.of("tool_1.0.0.spk"), PackageArchive.defaultFile(v1));
        assertEquals(Path.of("tool_1.0.0_src.spk"), PackageArchive.defaultFile(AnyIdent.parse("tool/1.0/src")));
        Path file = tmp.resolve("out/tool_1.0.0.spk");
        PackageArchive.Copied out = PackageArchive.export(List.of(local), v1, file, SyncReporter.NONE);
        assertEquals(List.of("spk/spec/tool/1.0.0", "spk/spec/tool/1.0.0/AAAAAAAA", "spk/pkg/tool/1.0.0/AAAAAAAA",
                "spk/pkg/tool/1.0.0/AAAAAAAA/build", "spk/pkg/tool/1.0.0/AAAAAAAA/run", "spk/spec/tool/1.0.0/src",
                "spk/pkg/tool/1.0.0/src", "spk/pkg/tool/1.0.0/src/src"), out.tags());
        assertTrue(Files.isRegularFile(file));
        try (var names = Files.list(file.getParent())) {
            assertEquals(List.of(file), names.toList(), "no temp file is left next to it");
        }

        FsRepository fresh = FsRepository.create(tmp.resolve("fresh"), Optional.empty());
        PackageArchive.Copied in = PackageArchive.importInto(file, fresh, SyncReporter.NONE);
        assertEquals(8, in.tags().size());
        Map<String, Digest> expected = new TreeMap<>(spkTags(local.spfs()));
        expected.keySet().removeIf(t -> t.contains("2.0.0"));
        assertEquals(expected, spkTags(fresh), "the same tags, pointing at the same digests");
        assertTrue(new Checker(fresh, Optional.empty(), 2).check(List.of()).problems().isEmpty(), "every object and payload came along");

        // and back out of the fresh repository, then into a third: still the same
        Path again = tmp.resolve("again.spk");
        PackageArchive.export(List.of(new SpfsPackageRepository("fresh", fresh, LOADER)), v1, again, SyncReporter.NONE);
        FsRepository third = FsRepository.create(tmp.resolve("third"), Optional.empty());
        PackageArchive.importInto(again, third, SyncReporter.NONE);
        assertEquals(expected, spkTags(third));
        var read = new SpfsPackageRepository("third", third, LOADER);
        assertEquals(2, read.builds(AnyIdent.parse("tool/1").name(), AnyIdent.parse("tool/1.0.0").version()).size());
    }

    @Test
    void oneBuildIsExportedWithItsRecipeFromWhereverItIs() throws Exception {
        SpfsPackageRepository local = published();
        SpfsPackageRepository empty = repo("empty");
        Path file = tmp.resolve("b.spk");
        PackageArchive.Copied out = PackageArchive.export(List.of(empty, local), AnyIdent.parse("tool/2.0.0/BBBBBBBB"), file,
                SyncReporter.NONE);
        assertEquals(List.of("spk/spec/tool/2.0.0/BBBBBBBB", "spk/pkg/tool/2.0.0/BBBBBBBB", "spk/pkg/tool/2.0.0/BBBBBBBB/run"),
                out.tags(), "2.0.0 has no recipe");
        assertTrue(out.summary().payloadsSynced() >= 2, "the file and the spec");
    }

    @Test
    void nothingIsWrittenForWhatIsNotThereAndOnlyArchivesAreImported() throws Exception {
        SpfsPackageRepository local = published();
        Path file = tmp.resolve("x.spk");
        assertThrows(SpfsPackageRepository.PackageNotFound.class,
                () -> PackageArchive.export(List.of(local), AnyIdent.parse("tool/3.0.0"), file, SyncReporter.NONE));
        assertThrows(SpfsPackageRepository.PackageNotFound.class,
                () -> PackageArchive.export(List.of(local), AnyIdent.parse("tool/1.0.0/CCCCCCCC"), file, SyncReporter.NONE));
        try (var names = Files.list(tmp)) {
            assertTrue(names.noneMatch(p -> p.getFileName().toString().contains("x.spk")), "no archive, no temp file");
        }
        FsRepository fresh = FsRepository.create(tmp.resolve("fresh"), Optional.empty());
        assertEquals("cannot import " + file + ": no such file", assertThrows(PackageArchive.NotAnArchive.class,
                () -> PackageArchive.importInto(file, fresh, SyncReporter.NONE)).getMessage());
        Path text = tmp.resolve("text.spk");
        Files.writeString(text, "pkg: tool/1.0.0\n");
        assertThrows(spk.error.SpkException.class, () -> PackageArchive.importInto(text, fresh, SyncReporter.NONE));
        assertFalse(fresh.tagStreams().findAny().isPresent(), "nothing was imported");
        assertEquals(spkTags(local.spfs()).get("spk/pkg/tool/1.0.0/AAAAAAAA/run"),
                local.spfs().resolveTag(TagSpec.parse("spk/pkg/tool/1.0.0/AAAAAAAA/run")).target());
    }
}
