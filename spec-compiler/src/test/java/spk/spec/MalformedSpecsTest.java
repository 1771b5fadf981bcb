package spk.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spk.grammar.option.OptionMap;
import spk.spec.problem.Problem;
import spk.spec.problem.SpecException;

/**
 * Each malformed spec is reported with its file, line, column, field path and what was wrong;
 * unknown keys are warnings (errors in a source, whose shape its keys decide), everything else an error.
 */
class MalformedSpecsTest {
    private final SpecLoader loader = new SpecLoader("0.44.0", Map.of());

    /** One case: the spec text, whether the problem is an error, and what the report must say. */
    static Stream<Arguments> cases() {
        return Stream.of(
                bad("bad YAML", "pkg: [a, b\n", 2, "", "invalid YAML"),
                bad("bad version in pkg", "pkg: my-pkg/1..2\n", 1, "pkg", "invalid ident 'my-pkg/1..2': expected a number at column 10"),
                bad("upper case package name", "pkg: My-Pkg/1.0\n", 1, "pkg", "upper case 'M' is not allowed"),
                bad("missing pkg", "api: v0/package\nmeta: {}\n", 1, "", "needs 'pkg'"),
                bad("wrong api", "api: v9/package\npkg: a1/1.0\n", 1, "api", "expected api to be one of"),
                bad("not a mapping", "- pkg: a1/1.0\n", 1, "", "must be a YAML mapping"),
                bad("a long text, quoted short", "root:x:0:0:root:/root:/bin/bash\n".repeat(20), 1, "",
                        "must be a YAML mapping, found 'root:x:0:0:root:/root:/bin/bash root:x:0:0:root:/root:/bi...'"),
                bad("duplicate key", "pkg: a1/1.0\npkg: a1/2.0\n", 2, "pkg", "duplicate key 'pkg'"),
                bad("duplicate options", "pkg: a1/1.0\nbuild:\n  options:\n    - var: debug\n    - var: debug/on\n", 5,
                        "build.options[1]", "duplicate option 'debug'"),
                bad("two identical variants", "pkg: a1/1.0\nbuild:\n  options: [{var: debug/off, choices: [on, off]}]\n"
                        + "  variants:\n    - {debug: on}\n    - {debug: on}\n", 6, "build.variants[1]",
                        "Multiple variants would produce the same build"),
                bad("bad template", "# {% set x = 1 %}\npkg: a1/{{ nope.version }}\n", 2, "", "template error"),
                bad("both default forms", "pkg: a1/1.0\nbuild:\n  options:\n    - var: debug/on\n      default: off\n",
                        5, "build.options[0].default", "both a 'default' and a default"),
                bad("default not a choice", "pkg: a1/1.0\nbuild:\n  options:\n    - var: debug/maybe\n      choices: [on, off]\n",
                        4, "build.options[0].var", "default 'maybe' is not one of the choices [on, off]"),
                bad("duplicate choice", "pkg: a1/1.0\nbuild:\n  options:\n    - var: debug\n      choices: [on, on]\n",
                        5, "build.options[0].choices[1]", "choice 'on' is listed twice"),
                bad("bad compat", "pkg: a1/1.0\ncompat: x.y.z\n", 2, "compat", "invalid compat 'x.y.z'"),
                bad("deprecated not a boolean", "pkg: a1/1.0\ndeprecated: maybe\n", 2, "deprecated", "expected true or false"),
                bad("unknown inheritance", "pkg: a1/1.0\nbuild:\n  options:\n    - var: abi\n      inheritance: Sometimes\n",
                        5, "build.options[0].inheritance", "expected one of Weak, StrongForBuildOnly, Strong"),
                bad("request with pkg and var", "pkg: a1/1.0\ninstall:\n  requirements:\n    - {pkg: b1, var: c1/d}\n", 4,
                        "install.requirements[0]", "either 'pkg' or 'var'"),
                bad("request with neither", "pkg: a1/1.0\ninstall:\n  requirements:\n    - {include: Always}\n", 4,
                        "install.requirements[0]", "needs a 'pkg' or a 'var'"),
                bad("bad request range", "pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: b1/>=1..2\n", 4,
                        "install.requirements[0].pkg", "expected a number at column 8"),
                bad("fromBuildEnv with a version", "pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: b1/1.0\n      fromBuildEnv: true\n",
                        4, "install.requirements[0].pkg", "must not name a version"),
                bad("bad include", "pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: b1\n      include: Sometimes\n",
                        5, "install.requirements[0].include", "expected one of Always, IfAlreadyPresent"),
                bad("component named all", "pkg: a1/1.0\ninstall:\n  components:\n    - name: all\n", 4,
                        "install.components[0].name", "'all' is reserved"),
                bad("duplicate components", "pkg: a1/1.0\ninstall:\n  components:\n    - name: lib\n    - name: lib\n", 5,
                        "install.components[1]", "component 'lib' is defined twice"),
                bad("uses an undefined component", "pkg: a1/1.0\ninstall:\n  components:\n    - name: bin\n      uses: [lib]\n",
                        4, "install.components[0]", "uses 'lib', which is not defined"),
                bad("unknown environment op", "pkg: a1/1.0\ninstall:\n  environment:\n    - {export: X}\n", 4,
                        "install.environment[0]", "needs one of 'priority'"),
                bad("two priorities", "pkg: a1/1.0\ninstall:\n  environment:\n    - priority: 10\n    - priority: 20\n", 5,
                        "install.environment[1]", "only one 'priority'"),
                bad("bad variable name", "pkg: a1/1.0\ninstall:\n  environment:\n    - {set: 1BAD, value: x}\n", 4,
                        "install.environment[0].set", "not a valid environment variable name"),
                bad("unknown test stage", "pkg: a1/1.0\ntests:\n  - stage: deploy\n    script: [true]\n", 3,
                        "tests[0].stage", "expected one of sources, build, install"),
                bad("source of no known shape", "pkg: a1/1.0\nsources:\n  - url: http://x\n", 3, "sources[0]",
                        "needs one of 'path', 'git', 'tar' or 'script'"),
                bad("negative git depth", "pkg: a1/1.0\nsources:\n  - git: https://example.com/a.git\n    depth: -1\n", 4,
                        "sources[0].depth", "'depth' must be a positive number of commits, found -1"),
                bad("git depth not a number", "pkg: a1/1.0\nsources:\n  - git: https://example.com/a.git\n    depth: all\n", 4,
                        "sources[0].depth", "expected a whole number, found 'all'"),
                bad("empty git address", "pkg: a1/1.0\nsources:\n  - git: ''\n", 3, "sources[0].git",
                        "'git' needs a repository address"),
                bad("git without an address", "pkg: a1/1.0\nsources:\n  - git:\n    ref: main\n", 3, "sources[0].git",
                        "'git' needs a repository address"),
                bad("empty tar address", "pkg: a1/1.0\nsources:\n  - tar: ' '\n", 3, "sources[0].tar",
                        "'tar' needs an archive's path or url"),
                bad("unknown key in a git source", "pkg: a1/1.0\nsources:\n  - git: https://example.com/a.git\n    branch: main\n",
                        4, "sources[0].branch", "unknown key 'branch'"),
                bad("unknown key in a local source", "pkg: a1/1.0\nsources:\n  - path: ./src\n    exlude: ['*.o']\n",
                        4, "sources[0].exlude", "unknown key 'exlude', did you mean 'exclude'?"),
                bad("two shapes in one source", "pkg: a1/1.0\nsources:\n  - git: https://example.com/a.git\n    tar: a.tgz\n",
                        4, "sources[0].tar", "unknown key 'tar'"),
                bad("subdir leaving the sources", "pkg: a1/1.0\nsources:\n  - script: [touch x]\n    subdir: ../../etc\n", 4,
                        "sources[0].subdir", "'subdir' must be a folder inside the sources"),
                bad("absolute subdir", "pkg: a1/1.0\nsources:\n  - path: ./\n    subdir: /tmp/x\n", 4,
                        "sources[0].subdir", "'subdir' must be a folder inside the sources"),
                bad("source not a mapping", "pkg: a1/1.0\nsources:\n  - ./src\n", 3, "sources[0]", "expected a source"),
                bad("rules and disabled together", "pkg: a1/1.0\nbuild:\n  validation:\n    rules: []\n    disabled: []\n",
                        4, "build.validation", "cannot be used together"),
                bad("unknown validation rule", "pkg: a1/1.0\nbuild:\n  validation:\n    rules:\n      - allow: Everything\n",
                        5, "build.validation.rules[0].allow", "expected one of SpdxLicense"),
                bad("embedded package with a script", "pkg: a1/1.0\ninstall:\n  embedded:\n    - pkg: qt/5.12\n      build:\n"
                        + "        script: [make]\n", 6, "install.embedded[0].build.script", "may only have 'options'"),
                bad("variant with components and a bad range", "pkg: a1/1.0\nbuild:\n  variants:\n    - {\"foo:run\": \">>1\"}\n",
                        4, "build.variants[0]", "invalid version range for package 'foo'"),
                bad("pkg option with a repository", "pkg: a1/1.0\nbuild:\n  options:\n    - pkg: origin/python/3\n", 4,
                        "build.options[0].pkg", "cannot name a repository"),
                bad("options not a list", "pkg: a1/1.0\nbuild:\n  options: {var: debug}\n", 3, "build.options",
                        "expected a list, found a mapping"),
                bad("bad prereleasePolicy", "pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: b1\n      prereleasePolicy: All\n",
                        5, "install.requirements[0].prereleasePolicy", "expected one of ExcludeAll, IncludeAll"),
                bad("v1 platform requirement with an unknown key", "api: v1/platform\nplatform: studio/2025.1\nrequirements:\n"
                        + "  - pkg: python\n    atBuilt: 3.7\n", 5, "requirements[0].atBuilt", "unknown key 'atBuilt', did you mean 'atBuild'?"),
                bad("suppress with a value", "pkg: a1/1.0\ninstall:\n  requirements:\n    - var: abi/cp37\n      suppress: no\n",
                        5, "install.requirements[0].suppress", "only allowed with a bare"),
                bad("collections nested 3000 deep", "pkg: a1/1.0\nbuild:\n  script: " + "[".repeat(3000) + "\n", 3, "",
                        "nest more than 128 levels deep"),
                bad("a mapping nested 1200 deep", "pkg: a1/1.0\nmeta: " + "{pkg: ".repeat(1200) + "a" + "}".repeat(1200) + "\n",
                        2, "", "nest more than 128 levels deep"),
                bad("a template whose loop doubles a string", "# {% set x = 'ab' %}\n# {% for i in range(30) %}{% set x = x + x %}"
                        + "{% endfor %}{{ x }}\npkg: a1/1.0\n", 2, "", "template error"),
                bad("a template that loops without end", "# {% for i in range(100000) %}{% for j in range(100000) %}{% set y = j %}"
                        + "{% endfor %}{% endfor %}\npkg: a1/1.0\n", 1, "", "rendering stopped: it evaluated more than"),
                warn("unknown request key", "pkg: a1/1.0\ninstall:\n  requirements:\n    - pkg: b1\n      fromBuildEnvv: true\n",
                        5, "install.requirements[0].fromBuildEnvv", "unknown key 'fromBuildEnvv', did you mean 'fromBuildEnv'?"),
                warn("unknown top-level key", "pkg: a1/1.0\nbiuld: {}\n", 2, "biuld", "unknown key 'biuld', did you mean 'build'?"),
                warn("no api", "pkg: a1/1.0\n", 1, "", "no 'api' given"));
    }

    static Arguments bad(String name, String text, int line, String field, String message) {
        return Arguments.of(name, text, true, line, field, message);
    }

    static Arguments warn(String name, String text, int line, String field, String message) {
        return Arguments.of(name, text, false, line, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isReportedWithItsLocation(String name, String text, boolean error, int line, String field, String message) {
        List<Problem> problems;
        if (error) {
            SpecException e = assertThrows(SpecException.class, () -> loader.loadText("bad.spk.yaml", text, OptionMap.EMPTY));
            problems = e.problems().stream().filter(Problem::isError).toList();
            assertEquals(2, e.kind().exitCode());
        } else {
            problems = loader.loadText("bad.spk.yaml", text, OptionMap.EMPTY).warnings();
        }
        Problem p = problems.stream().filter(x -> x.message().contains(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem mentions '" + message + "' in " + problems));
        assertEquals("bad.spk.yaml", p.location().file());
        assertEquals(line, p.location().line(), p::toString);
        assertTrue(p.location().column() > 0 || line == 0, p::toString);
        assertEquals(field, p.field(), p::toString);
        assertEquals(error, p.isError());
    }

    @org.junit.jupiter.api.Test
    void aFileThatIsNotUtf8SaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("latin1.spk.yaml");
        java.nio.file.Files.write(f, new byte[] {'p', 'k', 'g', ':', ' ', 'a', (byte) 0xff, '\n'});
        SpecException e = assertThrows(SpecException.class, () -> loader.load(f, OptionMap.EMPTY));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }
}
