package spk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.version.Version;
import spk.solver.InitialRequest;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.spec.SpecLoader;

class SpfsPackageRepositoryTest {
    @TempDir
    Path tmp;

    static final String HELLO = """
            api: v0/package
            pkg: hello/1.2.0/AAAAAAAA
            install:
              components:
                - {name: run, files: [/bin/]}
                - {name: build, uses: [run]}
            """;
    static final String GREETER = """
            api: v0/package
            pkg: greeter/1.0.0/BBBBBBBB
            install:
              requirements:
                - {pkg: hello/1.2}
            """;
    static final String PATCHED = """
            api: v0/package
            pkg: tool/1.0.0+r.1/CCCCCCCC
            """;

    Digest layer(FsRepository repo, String file, String text) throws Exception {
        Path d = tmp.resolve("layer-" + file.replace('/', '-'));
        Files.createDirectories(d.resolve(file).getParent());
        Files.writeString(d.resolve(file), text);
        return new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(d).layer().digest();
    }

    SpfsPackageRepository published() throws Exception {
        FsRepository spfs = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        SpfsPackageRepository repo = new SpfsPackageRepository("origin", spfs, new SpecLoader("0.44.0", Map.of()));
        Digest helloRun = layer(spfs, "bin/hello", "#!/bin/sh\necho hello\n");
        repo.publish(HELLO, Map.of(Component.RUN, helloRun), ObjectFormat.DEFAULT, "test");
        repo.publish(GREETER, Map.of(Component.RUN, layer(spfs, "bin/greet", "greet\n")), ObjectFormat.DEFAULT, "test");
        repo.publish(PATCHED, Map.of(Component.RUN, layer(spfs, "bin/tool", "tool\n")), ObjectFormat.DEFAULT, "test");
        return repo;
    }

    @Test
    void publishedPackagesUseSpksTagLayout() throws Exception {
        SpfsPackageRepository repo = published();
        FsRepository spfs = (FsRepository) repo.spfs();
        for (String tag : List.of("spk/spec/hello/1.2.0/AAAAAAAA", "spk/pkg/hello/1.2.0/AAAAAAAA/run",
                "spk/pkg/hello/1.2.0/AAAAAAAA", "spk/spec/tool/1.0.0..r.1/CCCCCCCC")) {
            spfs.resolveTag(TagSpec.parse(tag)); // throws if missing
        }
        assertEquals(spfs.resolveTag(TagSpec.parse("spk/pkg/hello/1.2.0/AAAAAAAA/run")).target(),
                spfs.resolveTag(TagSpec.parse("spk/pkg/hello/1.2.0/AAAAAAAA")).target(), "the legacy tag is the run layer");
        String spec = new String(spfs.openPayload(spfs.resolveTag(TagSpec.parse("spk/spec/greeter/1.0.0/BBBBBBBB")).target())
                .readAllBytes());
        assertEquals(GREETER, spec, "the spec is stored as the YAML text SPK reads");
        assertTrue(SpfsPackageRepository.isSpfsRepository(spfs.root()));
        assertTrue(!SpfsPackageRepository.isSpfsRepository(tmp));
    }

    @Test
    void readsBackNamesVersionsBuildsAndComponents() throws Exception {
        SpfsPackageRepository repo = published();
        assertEquals(Set.of(new PkgName("hello"), new PkgName("greeter"), new PkgName("tool")), repo.packageNames());
        assertEquals(List.of(Version.parse("1.0.0+r.1")), repo.versions(new PkgName("tool")), "'..' in tags is '+'");
        var builds = repo.builds(new PkgName("hello"), Version.parse("1.2.0"));
        assertEquals(1, builds.size());
        assertEquals("hello/1.2.0/AAAAAAAA", builds.get(0).pkg().toString());
        assertEquals(Set.of(Component.RUN), repo.publishedComponents(builds.get(0).pkg()), "build was never published");
        assertTrue(repo.recipe(new PkgName("hello"), Version.parse("1.2.0")).isEmpty());
    }

    @Test
    void theSolverResolvesFromItAndOnlyPublishedComponentsCount() throws Exception {
        SpfsPackageRepository repo = published();
        SolveResult r = new Solver(Solver.Backend.SAT4J).solve(new SolveRequest(List.of(repo),
                List.of(InitialRequest.commandLine(PkgRequest.parse("greeter"))), OptionMap.EMPTY, false));
        SolveResult.Solved s = assertInstanceOf(SolveResult.Solved.class, r);
        assertEquals(List.of("greeter/1.0.0/BBBBBBBB", "hello/1.2.0/AAAAAAAA"),
                s.solution().packages().stream().map(p -> p.spec().pkg().toString()).toList());
        SolveResult missing = new Solver(Solver.Backend.SAT4J).solve(new SolveRequest(List.of(repo),
                List.of(InitialRequest.commandLine(PkgRequest.parse("hello:build"))), OptionMap.EMPTY, false));
        assertInstanceOf(SolveResult.Unsatisfiable.class, missing, "hello's build component has no layer");
    }
}
