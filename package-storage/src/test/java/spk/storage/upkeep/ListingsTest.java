package spk.storage.upkeep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.ObjectFormat;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.storage.SpfsPackageRepository;

/** spk search, stats and du over real spfs repositories. */
class ListingsTest {
    @TempDir
    Path tmp;

    UpkeepFixture repo() throws Exception {
        UpkeepFixture f = new UpkeepFixture(tmp, "local")
                .build("pkg: python/3.9.0/AAAAAAAA\nbuild:\n  options: [{var: os/linux}]\n", "bin/python", "12345678")
                .build("pkg: python/3.10.0/BBBBBBBB\nbuild:\n  options: [{var: os/linux}]\n", "bin/python", "1234")
                .build("pkg: python/3.10.0/CCCCCCCC\nbuild:\n  options: [{var: os/windows}]\n", "bin/python", "12345678")
                .build("pkg: python/3.10.0/src\n", "src/x", "12")
                .build("pkg: pythonic/1.0.0/DDDDDDDD\n", "lib/p", "123")
                .build("pkg: cmake/3.0.0/EEEEEEEE\n", "bin/cmake", "1");
        f.repo.updateBuild(f.repo.build(BuildIdent.parse("python/3.9.0/AAAAAAAA")).orElseThrow().withDeprecated(true),
                ObjectFormat.DEFAULT, "test@host");
        return f;
    }

    static List<String> hits(List<PackageSearch.Hit> hits) {
        return hits.stream().map(h -> h.repository() + " " + h.version() + (h.deprecated() ? " DEPRECATED" : "")).toList();
    }

    @Test
    void searchFindsNamesContainingTheTermAndHidesDeprecatedVersions() throws Exception {
        List<PackageRepository> repos = List.of(repo().repo);
        assertEquals(List.of("local python/3.10.0", "local pythonic/1.0.0"),
                hits(PackageSearch.search(repos, "pyth", false, HostFilter.NONE)));
        assertEquals(List.of("local python/3.9.0 DEPRECATED", "local python/3.10.0", "local pythonic/1.0.0"),
                hits(PackageSearch.search(repos, "yth", true, HostFilter.NONE)));
        assertEquals(List.of(), PackageSearch.search(repos, "ruby", true, HostFilter.NONE));
        // a host filter keeps versions with a build for this os; a build without the option fits any host
        HostFilter windows = new HostFilter(Optional.of(OptionMap.of(java.util.Map.of("os", "windows"))), false);
        assertEquals(List.of("local python/3.10.0", "local pythonic/1.0.0"), hits(PackageSearch.search(repos, "py", true, windows)));
        HostFilter mac = new HostFilter(Optional.of(OptionMap.of(java.util.Map.of("os", "macos"))), false);
        assertEquals(List.of("local pythonic/1.0.0"), hits(PackageSearch.search(repos, "py", true, mac)));
        HostFilter macWithSources = new HostFilter(mac.host(), true);
        assertEquals(List.of("local python/3.10.0", "local pythonic/1.0.0"),
                hits(PackageSearch.search(repos, "py", true, macWithSources)));
    }

    @Test
    void statsCountVersionsBuildsDeprecationsAndSources() throws Exception {
        RepositoryStats s = RepositoryStats.gather(List.of(repo().repo), Optional.empty(), HostFilter.NONE);
        assertEquals(3, s.packages());
        assertEquals(4, s.versions());
        assertEquals(1, s.deprecatedVersions(), "python 3.9.0: all its builds are deprecated");
        assertEquals(6, s.builds());
        assertEquals(1, s.deprecatedBuilds());
        assertEquals(1, s.sourceBuilds());
        assertEquals(4, s.activeBuilds());
        assertEquals(java.util.Map.of("local", 6L), s.buildsPerRepository());
        assertEquals(List.of(new RepositoryStats.PackageFigures("python", 2, 4, 2),
                new RepositoryStats.PackageFigures("cmake", 1, 1, 1), new RepositoryStats.PackageFigures("pythonic", 1, 1, 1)),
                s.perPackage(true));
        assertEquals(new RepositoryStats.PackageFigures("python", 1, 3, 3), s.perPackage(false).get(1),
                "without deprecated: one version, three builds (after cmake, by name)");
        RepositoryStats one = RepositoryStats.gather(List.of(repo().repo), Optional.of(new PkgName("cmake")), HostFilter.NONE);
        assertEquals(1, one.builds());
    }

    @Test
    void duPathsAreParsedAsSpkReadsThem() {
        Set<String> repos = Set.of("local", "origin");
        DiskUsage.Target t = DiskUsage.parse("local", repos);
        assertEquals(Optional.of("local"), t.repository());
        assertEquals(1, t.depth());
        assertEquals(3, DiskUsage.parse("python/", repos).depth(), "a trailing slash is one level more");
        DiskUsage.Target req = DiskUsage.parse("python:run/3.10.0/BBBBBBBB", repos);
        assertEquals(Optional.of(Version.parse("3.10.0")), req.version());
        assertEquals(Set.of(Component.RUN), req.components());
        assertEquals(5, req.depth(), "repository, name, version, build and the components level");
        DiskUsage.Target path = DiskUsage.parse("origin/python/3.10.0/BBBBBBBB/:run/bin/", repos);
        assertEquals(Optional.of("origin"), path.repository());
        assertEquals(List.of("bin"), path.filePath());
        assertEquals(7, path.depth());
        assertEquals(7, DiskUsage.parse("python/3.10.0/BBBBBBBB/:{run,build}/bin/python", repos).depth(),
                "the repository level counts when it is not written");
        assertThrows(DiskUsage.BadPath.class, () -> DiskUsage.parse("python/3.10.0/:run", repos));
        assertThrows(DiskUsage.BadPath.class, () -> DiskUsage.parse("python/3.10.0/BBBBBBBB/bin", repos));
        assertThrows(DiskUsage.BadPath.class, () -> DiskUsage.parse("Bad_Name", repos));
    }

    @Test
    void duWalksEveryFileOnceAndGroupsAtThePathsDepth() throws Exception {
        List<SpfsPackageRepository> repos = List.of(repo().repo);
        List<DiskUsage.FileUsage> files = DiskUsage.files(repos, DiskUsage.parse("python", Set.of("local")), false, false);
        assertEquals(List.of("local/python/3.10.0/BBBBBBBB/:run/bin/python 4", "local/python/3.10.0/CCCCCCCC/:run/bin/python 8",
                "local/python/3.10.0/src/:run/src/x 2"), files.stream().map(f -> f.joined() + " " + f.size()).toList());
        // 3.9.0's only build is deprecated; with -d it shows, and CCCCCCCC's file has the same bytes: counted once
        List<DiskUsage.FileUsage> all = DiskUsage.files(repos, DiskUsage.parse("python", Set.of("local")), false, true);
        assertEquals(List.of(8L, 4L, 0L, 2L), all.stream().map(DiskUsage.FileUsage::size).toList());
        assertEquals(List.of(8L, 4L, 8L, 2L), DiskUsage.files(repos, DiskUsage.parse("python", Set.of("local")), true, true)
                .stream().map(DiskUsage.FileUsage::size).toList(), "-l counts every link");
        assertEquals(List.of(new DiskUsage.Group("local/python/", 14, false)),
                DiskUsage.grouped(files, DiskUsage.parse("python", Set.of("local")).depth()));
        assertEquals(List.of(new DiskUsage.Group("local/python/3.10.0/BBBBBBBB/", 4, false),
                new DiskUsage.Group("local/python/3.10.0/CCCCCCCC/", 8, false), new DiskUsage.Group("local/python/3.10.0/src/", 2, false)),
                DiskUsage.grouped(files, DiskUsage.parse("python/3.10.0/", Set.of("local")).depth()));
        List<DiskUsage.FileUsage> one = DiskUsage.files(repos, DiskUsage.parse("local/python/3.10.0/CCCCCCCC/:run/bin", Set.of("local")),
                false, false);
        assertEquals(List.of("local/python/3.10.0/CCCCCCCC/:run/bin/python"), one.stream().map(DiskUsage.FileUsage::joined).toList());
        assertEquals("1.5 Ki", DiskUsage.human(1536));
        assertEquals("12.0 B", DiskUsage.human(12));
    }
}
