package spk.solver.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.grammar.ident.BuildIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.index.RepositoryIndex;
import spk.solver.repository.index.SourceSnapshot;
import spk.spec.model.PackageSpec;
import spk.spec.problem.SpecException;
import spk.spec.write.SpecWriter;

/** A catalog folder's index gives the same specs as its files, and is never used once they change. */
class CatalogIndexFileTest {
    @TempDir
    Path dir;

    /** Everything a repository answers, as text: packages, versions, builds field by field, recipes, embedders. */
    static Map<String, String> answers(CatalogRepository repo) {
        Map<String, String> out = new TreeMap<>();
        for (PkgName n : new TreeSet<>(repo.packageNames())) {
            List<Version> versions = new ArrayList<>(repo.versions(n));
            versions.sort(null);
            out.put(n + " versions", versions.stream().map(Version::toSerialized).toList().toString());
            for (Version v : versions) {
                List<PackageSpec> builds = repo.builds(n, v);
                for (PackageSpec b : builds) {
                    out.put(b.pkg().toSerialized(), SpecWriter.toMap(b) + " " + b.hashCode()
                            + " components " + new TreeSet<>(repo.publishedComponents(b.pkg())));
                }
                out.put(n + "/" + v.toSerialized() + " builds", builds.stream().map(b -> b.pkg().toString()).toList()
                        + " " + builds.hashCode());
                out.put(n + "/" + v.toSerialized() + " recipe", String.valueOf(repo.recipe(n, v)));
            }
            out.put(n + " embedded by", repo.embeddedBy(n).stream().map(b -> b.pkg().toString()).sorted().toList()
                    .toString());
        }
        return out;
    }

    /** A generated catalog touching every field the index holds, seeded. */
    static void generate(Path dir, long seed, int packages) throws IOException {
        Random r = new Random(seed);
        // every kind of rule, as the index writes each as fields ("2" kept as written, not 2.0.0)
        String[] ranges = {"~1.2.0", ">=1.0,<3", "1.2", "Binary:1.2.0", "=1.0.0", "^1.1", ">1.0.0", "1.0.0+r.1",
            "*", "API:1.2", "<=2.1", "2", "==1.0", "!=1.2.0", "!==1.2", "<1.0-pre.2", "1.*", "1.*.3",
            "~1.2.0,<1.5", "=1.0.0-pre.1", "Binary:2,>=2.1", "1.0.0/src"};
        for (int p = 0; p < packages; p++) {
            StringBuilder sb = new StringBuilder("# generated\n");
            String name = "pkg" + p;
            for (int v = 0; v < 1 + r.nextInt(4); v++) {
                String version = "1." + v + (r.nextInt(5) == 0 ? ".0-pre.1" : r.nextInt(6) == 0 ? ".0+r.2" : "."
                        + r.nextInt(3));
                for (int b = 0; b < 1 + r.nextInt(3); b++) {
                    String digest = digest(r);
                    sb.append("- pkg: ").append(name).append('/').append(version).append('/').append(digest).append('\n');
                    if (r.nextInt(4) == 0) {
                        sb.append("  compat: x.a.b\n");
                    }
                    if (r.nextInt(8) == 0) {
                        sb.append("  deprecated: true\n");
                    }
                    if (r.nextInt(5) == 0) {
                        sb.append("  meta:\n    description: tool number ").append(p).append("\n    license: MIT\n")
                                .append("    labels: {team: fx, tier: \"").append(r.nextInt(3)).append("\"}\n");
                    }
                    if (r.nextInt(10) == 0) {
                        sb.append("  sources:\n    - path: ./src\n");
                    }
                    sb.append("  build:\n    options:\n      - {var: os, static: linux}\n");
                    if (r.nextBoolean()) {
                        sb.append("      - {var: debug, static: \"off\", choices: [\"on\", \"off\"], inheritance: Strong}\n");
                    }
                    if (r.nextInt(3) == 0) {
                        sb.append("      - {pkg: \"pkg").append(r.nextInt(packages)).append("\", static: \"1.2.0\"}\n");
                    }
                    if (r.nextInt(4) == 0) {
                        sb.append("      - {var: python.abi, static: cp39, description: the abi, compat: x.a}\n");
                    }
                    sb.append("  install:\n");
                    if (r.nextInt(4) == 0) {
                        sb.append("    environment:\n      - {set: ROOT, value: /spfs}\n"
                                + "      - {prepend: PATH, value: /spfs/bin}\n      - {append: X, value: y, separator: ';'}\n"
                                + "      - {priority: 50}\n      - {comment: hello}\n");
                    }
                    sb.append("    requirements:\n");
                    for (int q = 0; q < r.nextInt(5); q++) {
                        int dep = r.nextInt(packages);
                        String range = ranges[r.nextInt(ranges.length)];
                        sb.append("      - {pkg: \"pkg").append(dep).append(r.nextInt(4) == 0 ? ":{run,lib}" : "")
                                .append(range.equals("*") ? "" : "/" + range).append('"');
                        if (r.nextInt(3) == 0) {
                            sb.append(", include: IfAlreadyPresent");
                        }
                        if (r.nextInt(6) == 0) {
                            sb.append(", prereleasePolicy: IncludeAll");
                        }
                        sb.append("}\n");
                    }
                    if (r.nextInt(9) == 0) {
                        sb.append("      - {pkg: local/pkg").append(r.nextInt(packages)).append("}\n");
                    }
                    if (r.nextInt(5) == 0) {
                        sb.append("      - {var: debug/off}\n");
                    }
                    if (r.nextInt(7) == 0) {
                        sb.append("      - {pkg: pkg").append(r.nextInt(packages)).append(", fromBuildEnv: x.x}\n");
                    }
                    if (r.nextInt(3) == 0) {
                        sb.append("    components:\n      - {name: run, files: [bin/]}\n"
                                + "      - {name: lib, files: [lib/], uses: [run]}\n"
                                + "      - name: devel\n        uses: [lib, run]\n        requirements:\n"
                                + "          - {pkg: pkg0/1.0}\n");
                    }
                    if (r.nextInt(6) == 0) {
                        sb.append("    embedded:\n      - pkg: inner").append(r.nextInt(5)).append("/2.").append(b)
                                .append(".0\n        install:\n          requirements: [{pkg: pkg1}]\n");
                    }
                }
            }
            Files.writeString(dir.resolve(name + ".yaml"), sb.toString());
        }
        Files.writeString(dir.resolve("recipe.yaml"), "pkg: pkg0/9.0.0\nbuild:\n  script: [echo]\n");
        Files.writeString(dir.resolve("flow.yaml"), "[{pkg: flow/1.0.0/DDDDDDDD}, {pkg: flow/1.1.0/EEEEEEEE}]\n");
    }

    private static String digest(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
        }
        return sb.toString();
    }

    private static CatalogRepository load(Path dir, List<String> warnings) {
        return CatalogRepository.load("cat", dir, warnings::add);
    }

    @Test
    void theIndexAnswersAsTheFilesDoForGeneratedCatalogs() throws IOException {
        for (long seed = 1; seed <= 4; seed++) {
            Path d = Files.createDirectories(dir.resolve("c" + seed));
            generate(d, seed, 60);
            Map<String, String> plain = answers(CatalogRepository.load("cat", d, w -> {}));
            CatalogIndexFile.Summary s = CatalogIndexFile.write(d);
            assertTrue(s.structured() > 100, "most builds are kept as fields: " + s);
            // the recipe alone: every built spec, whatever rules its requests hold, reads back as fields
            assertEquals(1, s.text(), "only the recipe is kept as text: " + s);
            List<String> warnings = new ArrayList<>();
            CatalogRepository indexed = load(d, warnings);
            assertEquals(List.of(), warnings);
            assertEquals(plain, answers(indexed), "seed " + seed);
        }
    }

    @Test
    void eachPackageNamesWhatItsBuildsEmbedSoLoadingNeedNotListThem() throws IOException {
        generate(dir, 3, 60);
        CatalogIndexFile.write(dir);
        RepositoryIndex index = RepositoryIndex.read("index", Files.readAllBytes(dir.resolve(CatalogIndexFile.FILE_NAME)));
        int embedding = 0;
        for (RepositoryIndex.PackageEntry p : index.packages(file -> List.of())) {
            java.util.Set<String> fromSpecs = new TreeSet<>();
            p.visit((name, version, spec, embeds) -> fromSpecs.addAll(embeds));
            assertEquals(fromSpecs, new TreeSet<>(p.embeds()), p.name());
            embedding += fromSpecs.isEmpty() ? 0 : 1;
        }
        assertTrue(embedding > 0, "the generated catalog has builds that embed packages");
    }

    @Test
    void theIndexIsUsedOnlyWhenFresh() throws IOException {
        generate(dir, 7, 10);
        assertFalse(load(dir, new ArrayList<>()).fromIndex());
        CatalogIndexFile.write(dir);
        assertTrue(load(dir, new ArrayList<>()).fromIndex());
        Files.writeString(dir.resolve("new.yaml"), "pkg: new/1.0.0/AAAAAAAA\n");
        assertFalse(load(dir, new ArrayList<>()).fromIndex());
    }

    @Test
    void aChangedAddedOrRemovedFileMakesTheIndexStale() throws IOException {
        generate(dir, 3, 12);
        CatalogIndexFile.write(dir);
        Path f = dir.resolve("pkg2.yaml");
        String text = Files.readString(f);
        // the same size, changed in the same second as the index was made: only the content tells
        String changed = text.replaceFirst("static: linux", "static: linu2");
        assertEquals(text.length(), changed.length());
        Files.writeString(f, changed);
        List<String> warnings = new ArrayList<>();
        Map<String, String> afterChange = answers(load(dir, warnings));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("out of date"), warnings.get(0));
        assertEquals(answers(CatalogRepository.load("cat", Files.createDirectories(copy(dir)), w -> {})), afterChange);
        assertTrue(afterChange.values().stream().anyMatch(v -> v.contains("linu2")));

        CatalogIndexFile.write(dir);
        Files.writeString(dir.resolve("extra.yaml"), "pkg: extra/1.0.0/AAAAAAAA\n");
        warnings.clear();
        assertTrue(load(dir, warnings).packageNames().contains(new PkgName("extra")));
        assertEquals(1, warnings.size());

        CatalogIndexFile.write(dir);
        Files.delete(dir.resolve("extra.yaml"));
        warnings.clear();
        assertFalse(load(dir, warnings).packageNames().contains(new PkgName("extra")));
        assertEquals(1, warnings.size());
    }

    private Path copy(Path from) throws IOException {
        Path to = from.resolveSibling(from.getFileName() + "-copy");
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }

    @Test
    void aDamagedIndexFallsBackToTheSpecs() throws IOException {
        generate(dir, 5, 15);
        Map<String, String> plain = answers(CatalogRepository.load("cat", dir, w -> {}));
        CatalogIndexFile.write(dir);
        Path index = dir.resolve(CatalogIndexFile.FILE_NAME);
        byte[] good = Files.readAllBytes(index);
        Random r = new Random(9);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(new byte[0]);
        damaged.add(java.util.Arrays.copyOf(good, good.length / 2));
        damaged.add(java.util.Arrays.copyOf(good, good.length - 1));
        for (int i = 0; i < 20; i++) {
            byte[] b = good.clone();
            b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            damaged.add(b);
        }
        for (byte[] bad : damaged) {
            Files.write(index, bad);
            List<String> warnings = new ArrayList<>();
            assertEquals(plain, answers(load(dir, warnings)));
            assertEquals(1, warnings.size(), "one warning for a damaged index");
            assertTrue(warnings.get(0).contains("cannot be used"), warnings.get(0));
        }
    }

    @Test
    void aForgedIndexWithAValidChecksumNeverCrashesTheReader() throws IOException {
        generate(dir, 6, 15);
        CatalogIndexFile.write(dir);
        Path index = dir.resolve(CatalogIndexFile.FILE_NAME);
        byte[] good = Files.readAllBytes(index);
        Random r = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[r.nextInt(b.length - 4)] = (byte) r.nextInt(256);
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b, 0, b.length - 4);
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
            Files.write(index, b);
            try {
                answers(load(dir, new ArrayList<>()));
            } catch (SpecException e) {
                // a clear error about the index (or a spec it names) is fine; anything else is a crash
                assertNotEquals("", e.getMessage());
            }
        }
    }

    @Test
    void anIndexWrittenByAnotherUserIsIgnored() throws IOException {
        generate(dir, 8, 5);
        CatalogIndexFile.write(dir);
        Path index = dir.resolve(CatalogIndexFile.FILE_NAME);
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (me != 0) {
            return; // only root can give a file to another user; the owner check is then exercised elsewhere
        }
        Files.setAttribute(index, "unix:uid", 4242);
        Files.setAttribute(index, "unix:gid", 4242);
        Files.setAttribute(dir, "unix:uid", 0);
        List<String> warnings = new ArrayList<>();
        load(dir, warnings);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("another user"), warnings.get(0));
    }

    @Test
    void aFolderWithoutSpecsIsNotIndexed() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "no specs here");
        assertThrows(CatalogIndexFile.NoSpecFiles.class, () -> CatalogIndexFile.write(dir));
        assertFalse(Files.exists(dir.resolve(CatalogIndexFile.FILE_NAME)));
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        generate(dir, 2, 5);
        CatalogIndexFile.write(dir);
        CatalogIndexFile.write(dir);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList());
        }
    }

    @Test
    void aBadSpecReportsTheSameErrorWithAnIndex() throws IOException {
        Files.writeString(dir.resolve("good.yaml"), "pkg: good/1.0.0/AAAAAAAA\n");
        Files.writeString(dir.resolve("bad.yaml"), "pkg: bad/1.0.0/AAAAAAAA\ninstall:\n  requirements: [{pkg: 'x/>>1'}]\n");
        String plain = assertThrows(SpecException.class,
                () -> CatalogRepository.load("cat", dir, w -> {}).builds(new PkgName("bad"), Version.parse("1.0.0")))
                .getMessage();
        CatalogIndexFile.write(dir);
        String indexed = assertThrows(SpecException.class,
                () -> load(dir, new ArrayList<>()).builds(new PkgName("bad"), Version.parse("1.0.0"))).getMessage();
        assertEquals(plain, indexed);
        assertEquals(BuildIdent.parse("good/1.0.0/AAAAAAAA"),
                load(dir, new ArrayList<>()).builds(new PkgName("good"), Version.parse("1.0.0")).get(0).pkg());
    }

    @Test
    void aFileChangedWithinATimestampTickIsCheckedByContent() throws IOException {
        Path f = dir.resolve("a.yaml");
        Files.writeString(f, "pkg: a/1.0.0/AAAAAAAA\n");
        SourceSnapshot now = SourceSnapshot.take(dir, p -> p.toString().endsWith(".yaml"));
        byte[] other = "pkg: a/1.0.0/BBBBBBBB\n".getBytes();
        // as if indexed from other content whose stat was the same: recent, so the content decides
        SourceSnapshot recent = now.withContent(Map.of("a.yaml", other));
        assertTrue(recent.staleness(dir, now) != null);
        assertEquals(null, now.withContent(Map.of("a.yaml", Files.readAllBytes(f))).staleness(dir, now));
        // long after the file last changed, its stat alone is trusted
        SourceSnapshot settled = new SourceSnapshot(now.files().get(0).mtimeNs() + 10_000_000_000L, recent.files());
        assertEquals(null, settled.staleness(dir, now));
    }
}
