package spk.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import spk.grammar.build.Build;
import spk.grammar.build.BuildDigest;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.version.Version;

class IdentsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            python                          | -      | python  | -        | *                  | -
            python/3.7                      | -      | python  | -        | 3.7.0              | -
            python/>=3.7,<3.10              | -      | python  | -        | <3.10.0,>=3.7.0    | -
            python:lib/3.1.0                | -      | python  | lib      | 3.1.0              | -
            python:{lib,bin}/3.1.0,3.2.1    | -      | python  | bin,lib  | 3.1.0,3.2.1        | -
            origin/python/3.7               | origin | python  | -        | 3.7.0              | -
            local/my-pkg/1.0.0/src          | local  | my-pkg  | -        | 1.0.0              | src
            my-tool/1.2.0/STLY6HNC          | -      | my-tool | -        | 1.2.0              | STLY6HNC
            local/my-pkg                    | local  | my-pkg  | -        | *                  | -
            foo/bar                         | foo    | bar     | -        | *                  | -
            python/37                       | -      | python  | -        | 37.0.0             | -
            foo/22/ABCDEFGH                 | -      | foo     | -        | 22.0.0             | ABCDEFGH
            python:all                      | -      | python  | all      | *                  | -
            maya/~2019.0.0                  | -      | maya    | -        | ~2019.0.0          | -
            """)
    void requestIdents(String text, String repo, String name, String comps, String range, String build) {
        RangeIdent r = RangeIdent.parse(text);
        assertEquals(repo.equals("-") ? Optional.empty() : Optional.of(repo), r.repository().map(Object::toString));
        assertEquals(name, r.name().value());
        assertEquals(comps.equals("-") ? List.of() : List.of(comps.split(",")),
                r.components().stream().map(Component::name).toList());
        assertEquals(range.equals("*") ? "" : range, r.version().toString());
        assertEquals(build.equals("-") ? Optional.empty() : Optional.of(build), r.build().map(Object::toString));
        assertEquals(r, RangeIdent.parse(r.toString()), "display form parses back");
    }

    @Test
    void configuredRemotesAreRepositoriesEvenBeforeABareName() {
        assertEquals(Optional.of("origin"),
                RangeIdent.parse("origin/python", Set.of("local", "origin")).repository().map(Object::toString));
        // a known repository wins even over a name that could be a version, as in SPK
        assertEquals("37", RangeIdent.parse("python/37", Set.of("local", "python")).name().value());
        assertTrue(RangeIdent.parse("python/37").repository().isEmpty());
    }

    @Test
    void buildsOfEveryKind() {
        assertInstanceOf(Build.Source.class, Build.parse("src"));
        assertEquals(Build.Embedded.UNKNOWN, Build.parse("embedded"));
        assertEquals("G6ZOWQVE", Build.parse("G6ZOWQVE").toString());
        BuildIdent stub = BuildIdent.parse("qt/5.12.6/embedded[maya:run/2019.2.0/G6ZOWQVE]");
        Build.Embedded e = assertInstanceOf(Build.Embedded.class, stub.build());
        var source = e.source().orElseThrow();
        assertEquals("maya", source.name().value());
        assertEquals(Set.of(Component.RUN), source.components());
        assertEquals(Version.parse("2019.2.0"), source.version().orElseThrow());
        assertEquals("embedded-by-MVWWEZLEMRSWIW3NMF4WCOTSOVXC6MRQGE4S4MROGAXUONS2J5LVCVSFLU", source.tagPathPart());
        assertEquals(stub, BuildIdent.parse(stub.toString()));
    }

    @Test
    void anyIdentsMayOmitVersionAndBuild() {
        AnyIdent bare = AnyIdent.parse("my-pkg");
        assertEquals(Version.ZERO, bare.version());
        assertTrue(bare.build().isEmpty());
        assertEquals("my-pkg", bare.toString());
        assertEquals("my-pkg/1.0.0/src", AnyIdent.parse("my-pkg/1/src").toString());
    }

    @Test
    void componentsSortAsSpkDoes() {
        var sorted = new java.util.TreeSet<>(List.of(new Component("zzz"), Component.SOURCE, Component.RUN,
                new Component("aaa"), Component.BUILD, Component.ALL));
        assertEquals(List.of("all", "build", "run", "src", "aaa", "zzz"), sorted.stream().map(Component::name).toList());
    }

    @Test
    void optionNamesKnowTheirNamespace() {
        OptName abi = OptName.parse("python.abi");
        assertEquals(Optional.of(PkgName.parse("python")), abi.namespace());
        assertEquals("abi", abi.base());
        assertEquals("my_opt", OptName.parse("my-opt").envName());
        assertFalse(OptName.parse("debug").namespace().isPresent());
    }

    @Test
    void buildDigestsMatchSpk() {
        assertEquals("3I42H3S6", BuildDigest.compute(OptionMap.EMPTY, Map.of()).value());
        assertEquals("4HQDDSMM", BuildDigest.compute(OptionMap.of(Map.of("os", "linux", "debug", "off")), Map.of()).value());
        OptionMap opts = OptionMap.of(Map.of("arch", "x86_64", "debug", "on", "python", "~3.7.3", "python.abi", "cp37m"));
        assertEquals("GCTKPIU4", BuildDigest.compute(opts,
                Map.of(PkgName.parse("python"), Set.of(Component.RUN, Component.BUILD))).value());
        assertEquals(BuildDigest.compute(opts, Map.of()).value(),
                BuildDigest.compute(opts, Map.of(PkgName.parse("python"), Set.of())).value(),
                "pkg options without components do not change the digest");
    }

    @Test
    void commandLineOptionsAcceptEqualsOrColon() {
        assertEquals(Optional.of("on"), OptionMap.parseAssignment("debug=on").get("debug"));
        assertEquals(Optional.of("cp37m"), OptionMap.parseAssignment("python.abi:cp37m").get("python.abi"));
        assertEquals(Optional.of(""), OptionMap.parseAssignment("distro=").get("distro"));
        OptionMap m = OptionMap.of(Map.of("abi", "x", "python.abi", "y"));
        assertEquals(Optional.of("y"), m.lookup("python", "abi"));
        assertEquals(Optional.of("x"), m.lookup("other", "abi"));
    }
}
