package spk.storage.upkeep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.clean.CleanOptions;
import spfs.clean.Cleaner;
import spfs.graph.ObjectFormat;
import spfs.tag.TagSpec;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.version.Version;
import spk.solver.InitialRequest;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.storage.PackageArgument;
import spk.storage.SpfsPackageRepository;

/** spk deprecate, undeprecate and remove on real spfs repositories, down to spfs clean freeing the payloads. */
class DeprecationAndRemovalTest {
    @TempDir
    Path tmp;

    static final PkgName TOOL = new PkgName("tool");
    static final Version V1 = Version.parse("1.0.0");

    UpkeepFixture twoBuilds() throws Exception {
        return new UpkeepFixture(tmp, "local").recipe("tool/1.0.0")
                .build("tool/1.0.0/AAAAAAAA", "bin/a", "a\n")
                .build("tool/1.0.0/BBBBBBBB", "bin/b", "b\n")
                .build("tool/2.0.0/CCCCCCCC", "bin/c", "c\n");
    }

    static SolveResult solve(SpfsPackageRepository repo, String request) {
        return new Solver(Solver.Backend.SAT4J).solve(new SolveRequest(List.of(repo),
                List.of(InitialRequest.commandLine(PkgRequest.parse(request))), OptionMap.EMPTY, false));
    }

    static List<String> solution(SolveResult r) {
        return assertInstanceOf(SolveResult.Solved.class, r).solution().packages().stream()
                .map(p -> p.spec().pkg().toString()).toList();
    }

    @Test
    void aVersionIsDeprecatedWithItsRecipeAndEveryBuildAndComesBack() throws Exception {
        SpfsPackageRepository repo = twoBuilds().repo;
        List<Deprecation.Target> plan = Deprecation.plan(List.of(repo), List.of("tool/1.0.0"));
        assertEquals(List.of("tool/1.0.0", "tool/1.0.0/AAAAAAAA", "tool/1.0.0/BBBBBBBB"),
                plan.stream().map(Deprecation.Target::ident).toList());
        assertInstanceOf(Deprecation.RecipeTarget.class, plan.get(0));
        for (Deprecation.Target t : plan) {
            assertTrue(Deprecation.apply(t, true, ObjectFormat.DEFAULT, "test@host"));
        }
        assertTrue(repo.recipe(TOOL, V1).orElseThrow().deprecated());
        assertTrue(repo.builds(TOOL, V1).stream().allMatch(b -> b.deprecated()));
        // deprecated builds are used only when asked for exactly
        assertInstanceOf(SolveResult.Unsatisfiable.class, solve(repo, "tool/1.0.0"));
        assertEquals(List.of("tool/1.0.0/AAAAAAAA"), solution(solve(repo, "tool/=1.0.0/AAAAAAAA")));
        // their layers are untouched: only the spec tag has a new version
        assertEquals(2, repo.spfs().readTagStream(TagSpec.parse("spk/spec/tool/1.0.0/AAAAAAAA")).size());
        assertEquals(1, repo.spfs().readTagStream(TagSpec.parse("spk/pkg/tool/1.0.0/AAAAAAAA/run")).size());

        List<Deprecation.Target> again = Deprecation.plan(List.of(repo), List.of("tool/1.0.0/BBBBBBBB"));
        assertFalse(Deprecation.apply(again.get(0), true, ObjectFormat.DEFAULT, "test@host"), "already deprecated");
        assertTrue(Deprecation.apply(again.get(0), false, ObjectFormat.DEFAULT, "test@host"));
        assertEquals(List.of("tool/1.0.0/BBBBBBBB"), solution(solve(repo, "tool/1.0.0")));
        assertEquals(List.of("tool/2.0.0/CCCCCCCC"), solution(solve(repo, "tool")), "the other version is untouched");
    }

    @Test
    void deprecationNeedsAVersionAndFindsNothingElsewhere() throws Exception {
        SpfsPackageRepository repo = twoBuilds().repo;
        PackageArgument.BadRequest bare = assertThrows(PackageArgument.BadRequest.class,
                () -> Deprecation.plan(List.of(repo), List.of("tool")));
        assertEquals("to deprecate tool, give a version: tool/VERSION or tool/VERSION/BUILD ('spk ls tool' lists them)",
                bare.getMessage());
        assertThrows(PackageArgument.BadRequest.class, () -> Deprecation.plan(List.of(repo), List.of("tool/1.0.0/")));
        assertEquals(List.of(), Deprecation.plan(List.of(repo), List.of("tool/3.0.0", "tool/1.0.0/DDDDDDDD")));
    }

    @Test
    void removingAVersionTakesItsBuildsAndRecipeAndCleanFreesTheirPayloads() throws Exception {
        SpfsPackageRepository repo = twoBuilds().repo;
        long before = payloads(repo);
        List<Removal.Target> plan = Removal.plan(List.of(repo), List.of("tool/1.0.0"));
        assertEquals(1, plan.size());
        List<BuildIdent> told = new java.util.ArrayList<>();
        Removal.Removed r = Removal.apply(plan.get(0), told::add);
        assertEquals(List.of(BuildIdent.parse("tool/1.0.0/AAAAAAAA"), BuildIdent.parse("tool/1.0.0/BBBBBBBB")), r.builds());
        assertEquals(r.builds(), told, "told after each build");
        assertTrue(r.recipe());
        assertEquals(List.of(Version.parse("2.0.0")), repo.versions(TOOL), "no trace of 1.0.0 in listings");
        assertTrue(repo.spfs().lsTags("spk/pkg/tool").stream().noneMatch(l -> l.name().startsWith("1.0.0")));

        var summary = new Cleaner(repo.spfs(), CleanOptions.olderThan(Instant.now().plusSeconds(60), false)).clean();
        assertEquals(5, summary.payloadsRemoved(), "the two files of 1.0.0's builds, its recipe and two build specs");
        assertEquals(before - 5, payloads(repo));
        assertEquals(List.of("tool/2.0.0/CCCCCCCC"), solution(solve(repo, "tool")));
    }

    @Test
    void removingOneBuildTakesTheRecipeToo() throws Exception {
        SpfsPackageRepository repo = twoBuilds().repo;
        Removal.Removed r = Removal.apply(Removal.plan(List.of(repo), List.of("tool/1.0.0/AAAAAAAA")).get(0), b -> {});
        assertEquals(List.of(BuildIdent.parse("tool/1.0.0/AAAAAAAA")), r.builds());
        assertTrue(r.recipe(), "as SPK: removing a build removes its version's recipe");
        assertEquals(List.of("tool/1.0.0/BBBBBBBB"), repo.builds(TOOL, V1).stream().map(b -> b.pkg().toString()).toList());
        assertTrue(repo.layers(BuildIdent.parse("tool/1.0.0/AAAAAAAA")).isEmpty());
    }

    @Test
    void aNameRemovesEveryVersionButNothingIsRemovedWhenAnArgumentNamesNothing() throws Exception {
        SpfsPackageRepository repo = twoBuilds().repo;
        Removal.NothingToRemove e = assertThrows(Removal.NothingToRemove.class,
                () -> Removal.plan(List.of(repo), List.of("tool", "tool/9.0.0")));
        assertEquals("tool/9.0.0 is not in local", e.getMessage());
        assertEquals(2, repo.versions(TOOL).size(), "the plan changed nothing");
        Removal.plan(List.of(repo), List.of("tool")).forEach(t -> Removal.apply(t, b -> {}));
        assertEquals(List.of(), List.copyOf(repo.packageNames()));
        assertThrows(Removal.NothingToRemove.class, () -> Removal.plan(List.of(repo), List.of("tool/1.0.0/AAAAAAAA")));
    }

    @Test
    void theStubsOfEmbeddedPackagesGoWithTheirParent() throws Exception {
        UpkeepFixture f = new UpkeepFixture(tmp, "local");
        f.build("pkg: maya/2024.0.0/AAAAAAAA\ninstall:\n  embedded:\n    - pkg: python/3.10.0\n", "bin/maya", "maya\n");
        // as SPK publishes it: a stub for the embedded package, named after its parent
        String stub = "api: v0/package\npkg: python/3.10.0/embedded[maya/2024.0.0/AAAAAAAA]\n";
        var w = f.repo.spfs().writePayload(new java.io.ByteArrayInputStream(stub.getBytes()), 0100644);
        f.repo.spfs().writeObject(new spfs.graph.Blob(w.digest(), w.size(), ObjectFormat.DEFAULT));
        var parsed = (spk.spec.model.PackageSpec) UpkeepFixture.LOADER.loadText("stub", stub, OptionMap.EMPTY).spec();
        String name = ((spk.grammar.build.Build.Embedded) parsed.pkg().build()).source().orElseThrow().tagPathPart();
        f.repo.spfs().pushTag(TagSpec.parse("spk/spec/python/3.10.0/" + name), w.digest(), "test@host");
        assertTrue(f.repo.removeBuild(BuildIdent.parse("maya/2024.0.0/AAAAAAAA")));
        assertEquals(List.of(), f.repo.spfs().lsTags("spk/spec"), "no stub is left behind");
    }

    @Test
    void aRepositoryViewedAtATimeCannotBeChanged() throws Exception {
        twoBuilds();
        SpfsPackageRepository past = new SpfsPackageRepository("local", spfs.storage.fs.FsRepository.open(tmp.resolve("local"),
                java.util.Optional.empty()), UpkeepFixture.LOADER,
                java.util.Optional.of(spfs.tag.TimeSpec.parse("~1s", Instant.now(), java.time.ZoneOffset.UTC)));
        var e = assertThrows(spk.error.SpkException.class, () -> past.removeBuild(BuildIdent.parse("tool/1.0.0/AAAAAAAA")));
        assertTrue(e.getMessage().startsWith("cannot change local: it is viewed as it was at"), e.getMessage());
    }

    static long payloads(SpfsPackageRepository repo) throws Exception {
        try (Stream<Path> s = Files.walk(repo.spfs().root().resolve("payloads"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    static Map<Component, spfs.encoding.Digest> layers(SpfsPackageRepository repo, String build) {
        return repo.layers(BuildIdent.parse(build));
    }
}
