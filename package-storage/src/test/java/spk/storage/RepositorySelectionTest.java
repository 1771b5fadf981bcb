package spk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.error.SpfsException;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.spec.SpecLoader;

/** Which repositories the repository flags select, in SPK's order, and --when's view of the past. */
class RepositorySelectionTest {
    @TempDir
    Path tmp;

    final SpecLoader loader = new SpecLoader("0.44.0", Map.of());
    Path catalog;
    Config config;

    static String spec(String ident) {
        return "api: v0/package\npkg: " + ident + "\n";
    }

    SpfsPackageRepository repo(String name, String... idents) {
        FsRepository spfs = FsRepository.create(tmp.resolve(name), Optional.empty());
        SpfsPackageRepository r = new SpfsPackageRepository(name, spfs, loader);
        for (String id : idents) {
            r.publish(spec(id), Map.of(), ObjectFormat.DEFAULT, "test@host");
        }
        return r;
    }

    @BeforeEach
    void setUp() throws Exception {
        repo("local", "stdfs/1.0.0/AAAAAAAA");
        repo("origin", "hello/1.0.0/BBBBBBBB");
        repo("studio", "maya/2024.0.0/CCCCCCCC");
        catalog = tmp.resolve("cat.yaml");
        Files.writeString(catalog, "- pkg: tool/1.0.0/DDDDDDDD\n");
        config = ConfigLoader.load(Map.of("HOME", tmp.toString(), "SPFS_STORAGE__ROOT", tmp.resolve("local").toString(),
                "SPFS_REMOTE_origin_ADDRESS", "file:" + tmp.resolve("origin"),
                "SPFS_REMOTE_studio_ADDRESS", "file://" + tmp.resolve("studio")));
    }

    List<String> names(List<String> enabled, List<String> disabled, boolean noLocal, boolean localOnly) {
        return RepositorySelection.names(new RepositorySelection(enabled, disabled, noLocal, localOnly, Optional.empty())
                .open(config, loader, Instant.now(), ZoneOffset.UTC));
    }

    @Test
    void anAddressIsARepositoryOfItsOwnName() {
        String proxy = "proxy:?primary=" + tmp.resolve("studio") + "&secondary[0]=origin";
        List<PackageRepository> repos = new RepositorySelection(List.of(proxy), List.of("origin"), true, false,
                Optional.empty()).open(config, loader, Instant.now(), ZoneOffset.UTC);
        assertEquals(List.of(proxy), RepositorySelection.names(repos));
        assertEquals(java.util.Set.of(PkgName.parse("maya"), PkgName.parse("hello")), repos.get(0).packageNames(),
                "the studio's packages, and origin's through the proxy");
    }

    @Test
    void aFileAddressIsItsFolder() {
        List<PackageRepository> repos = new RepositorySelection(List.of("file://" + tmp.resolve("studio")),
                List.of("origin"), true, false, Optional.empty()).open(config, loader, Instant.now(), ZoneOffset.UTC);
        assertEquals(List.of("studio"), RepositorySelection.names(repos));
        assertEquals(java.util.Set.of(PkgName.parse("maya")), repos.get(0).packageNames());
    }

    @Test
    void anAddressOfAnUnknownServerSaysSoInOneLine() {
        SpfsException e = assertThrows(SpfsException.class, () -> new RepositorySelection(
                List.of("nosuchscheme://host/x"), List.of("origin"), true, false, Optional.empty())
                .open(config, loader, Instant.now(), ZoneOffset.UTC));
        assertTrue(e.getMessage().contains("nosuchscheme"), e.getMessage());
    }

    @Test
    void localThenEachEnabledThenOrigin() {
        assertEquals(List.of("local", "origin"), names(List.of(), List.of(), false, false), "the defaults");
        assertEquals(List.of("local", "cat", "origin"), names(List.of(catalog.toString()), List.of(), false, false),
                "-r adds to local, it does not replace it");
        assertEquals(List.of("local", "studio", "origin"), names(List.of("studio"), List.of(), false, false),
                "a configured remote by name");
        assertEquals(List.of("local", "origin", "studio"), names(List.of("origin", "studio"), List.of(), false, false),
                "an explicit origin keeps its place");
        assertEquals(List.of("local", "mine", "origin"), names(List.of("mine=" + catalog), List.of(), false, false),
                "NAME=PATH names a path");
        assertEquals(List.of("studio", "local", "origin"), names(List.of("studio", "local"), List.of(), false, false),
                "a later entry of the same name replaces the earlier, at its own place");
    }

    @Test
    void localCanBeLeftOutOrBeTheOnlyOne() {
        assertEquals(List.of("studio", "origin"), names(List.of("studio"), List.of(), true, false), "--no-local-repo");
        assertEquals(List.of("studio"), names(List.of("studio"), List.of("local", "origin"), false, false), "--disable-repo");
        assertEquals(List.of("local"), names(List.of("studio"), List.of(), false, true), "-L: local only");
        assertEquals(List.of("local"), names(List.of(), List.of("origin"), false, false));
    }

    @Test
    void packagesOfEveryRepositoryAreFound() {
        List<PackageRepository> repos = new RepositorySelection(List.of("studio"), List.of(), false, false, Optional.empty())
                .open(config, loader, Instant.now(), ZoneOffset.UTC);
        assertEquals(List.of(Version.parse("1.0.0")), repos.get(0).versions(new PkgName("stdfs")), "local");
        assertEquals(List.of(Version.parse("2024.0.0")), repos.get(1).versions(new PkgName("maya")), "studio");
        assertEquals(List.of(Version.parse("1.0.0")), repos.get(2).versions(new PkgName("hello")), "origin");
    }

    @Test
    void anUnknownNameOrMissingPathIsBadInputNamingTheChoices() {
        RepositorySelection.BadRepository e = assertThrows(RepositorySelection.BadRepository.class,
                () -> names(List.of("nowhere"), List.of(), false, false));
        assertEquals("-r nowhere: no such folder or file, nor a repository of that name (those are: local, origin, studio; "
                + "remotes come from the spfs configuration)", e.getMessage());
        assertThrows(RepositorySelection.BadRepository.class,
                () -> names(List.of(catalog + "~1h"), List.of(), false, false), "a catalog has no history");
        assertThrows(SpfsException.class, () -> names(List.of("origin~1parsec"), List.of(), false, false));
    }

    /** Moves every version of {@code tag} in {@code repo} to {@code time}, as if it had been pushed then. */
    static void retime(spfs.storage.Repository repo, String tag, Instant time) {
        TagSpec spec = TagSpec.parse(tag);
        List<Tag> versions = repo.readTagStream(spec);
        repo.removeTagStream(spec);
        for (Tag t : versions) {
            repo.insertTag(new Tag(t.org(), t.name(), t.target(), t.parent(), t.user(), time));
        }
    }

    @Test
    void whenShowsARepositoryAsItWas() throws Exception {
        SpfsPackageRepository studio = new SpfsPackageRepository("studio", FsRepository.open(tmp.resolve("studio"),
                Optional.empty()), loader);
        studio.publish(spec("maya/2025.0.0/EEEEEEEE"), Map.of(Component.RUN, aLayer(studio)), ObjectFormat.DEFAULT, "t@h");
        Instant now = Instant.now().plus(Duration.ofDays(10));
        // maya 2025 appeared a day ago; 2024 long before
        retime(studio.spfs(), "spk/spec/maya/2025.0.0/EEEEEEEE", now.minus(Duration.ofDays(1)));
        retime(studio.spfs(), "spk/pkg/maya/2025.0.0/EEEEEEEE/run", now.minus(Duration.ofDays(1)));
        retime(studio.spfs(), "spk/pkg/maya/2025.0.0/EEEEEEEE", now.minus(Duration.ofDays(1)));
        PkgName maya = new PkgName("maya");
        for (var c : List.of(List.of("studio~2d"), List.of("studio@" + now.minus(Duration.ofDays(2)).atOffset(ZoneOffset.UTC)))) {
            List<PackageRepository> then = new RepositorySelection(c, List.of(), false, false, Optional.empty())
                    .open(config, loader, now, ZoneOffset.UTC);
            assertEquals(List.of(Version.parse("2024.0.0")), then.get(1).versions(maya), c.toString());
            assertTrue(then.get(1).builds(maya, Version.parse("2025.0.0")).isEmpty(), c.toString());
        }
        List<PackageRepository> global = new RepositorySelection(List.of("studio"), List.of(), false, false,
                Optional.of("~2d")).open(config, loader, now, ZoneOffset.UTC);
        assertEquals(List.of(Version.parse("2024.0.0")), global.get(1).versions(maya), "--when applies to every repository");
        assertEquals(List.of(Version.parse("1.0.0")), global.get(0).versions(new PkgName("stdfs")));
        List<PackageRepository> today = new RepositorySelection(List.of("studio"), List.of(), false, false, Optional.empty())
                .open(config, loader, now, ZoneOffset.UTC);
        assertEquals(List.of(Version.parse("2024.0.0"), Version.parse("2025.0.0")), today.get(1).versions(maya));
        var maya2025 = spk.grammar.ident.BuildIdent.parse("maya/2025.0.0/EEEEEEEE");
        assertEquals(Map.of(), ((SpfsPackageRepository) then(global)).layers(maya2025), "its layer was not there yet");
        assertEquals(java.util.Set.of(Component.RUN), ((SpfsPackageRepository) then(today)).layers(maya2025).keySet());
        assertThrows(SpfsPackageRepository.InvalidPackage.class, () -> ((SpfsPackageRepository) then(global))
                .publish(spec("maya/2026.0.0/FFFFFFFF"), Map.of(), ObjectFormat.DEFAULT, "t@h"), "a view of the past is read-only");
    }

    @Test
    void aTagRepointedLaterIsReadAtItsOldTarget() {
        SpfsPackageRepository studio = new SpfsPackageRepository("studio", FsRepository.open(tmp.resolve("studio"),
                Optional.empty()), loader);
        Instant now = Instant.now().plus(Duration.ofDays(10));
        String tag = "spk/spec/maya/2024.0.0/CCCCCCCC";
        retime(studio.spfs(), tag, now.minus(Duration.ofDays(5)));
        // the spec is replaced (as a deprecation would) a day ago
        studio.publish(spec("maya/2024.0.0/CCCCCCCC") + "deprecated: true\n", Map.of(), ObjectFormat.DEFAULT, "t@h");
        List<Tag> versions = studio.spfs().readTagStream(TagSpec.parse(tag));
        assertEquals(2, versions.size());
        studio.spfs().removeTagStream(TagSpec.parse(tag));
        studio.spfs().insertTag(versions.get(1));
        Tag newest = versions.get(0);
        studio.spfs().insertTag(new Tag(newest.org(), newest.name(), newest.target(), newest.parent(), newest.user(),
                now.minus(Duration.ofDays(1))));
        PkgName maya = new PkgName("maya");
        List<PackageRepository> then = new RepositorySelection(List.of("studio~2d"), List.of(), false, false,
                Optional.empty()).open(config, loader, now, ZoneOffset.UTC);
        assertTrue(!then.get(1).builds(maya, Version.parse("2024.0.0")).get(0).deprecated(), "as it was two days ago");
        List<PackageRepository> today = new RepositorySelection(List.of("studio"), List.of(), false, false,
                Optional.empty()).open(config, loader, now, ZoneOffset.UTC);
        assertTrue(today.get(1).builds(maya, Version.parse("2024.0.0")).get(0).deprecated());
    }

    private static PackageRepository then(List<PackageRepository> repos) {
        return repos.get(1);
    }

    private spfs.encoding.Digest aLayer(SpfsPackageRepository r) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("layer"));
        Files.writeString(d.resolve("f"), "f\n");
        return new spfs.commit.DirectoryCommitter(r.spfs(), ObjectFormat.DEFAULT, 1).commit(d).layer().digest();
    }
}
