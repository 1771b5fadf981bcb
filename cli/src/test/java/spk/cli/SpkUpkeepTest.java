package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.encoding.Digest;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;

/**
 * The repository upkeep, archive and environment commands end to end: packages built for real
 * with spk build into a real spfs repository, then deprecated, removed (spfs clean frees their
 * payloads), exported and imported, rendered, and installed into a running runtime.
 */
class SpkUpkeepTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;

    static final String TOOL = """
            pkg: tool/1.0.0
            sources: []
            build:
              options: [{var: flavor/a, choices: [a, b]}]
              variants: [{flavor: a}, {flavor: b}]
              script:
                - mkdir -p /spfs/bin
                - printf '#!/bin/sh\\necho tool %s\\n' "$SPK_OPT_flavor" > /spfs/bin/tool
                - chmod +x /spfs/bin/tool
            """;
    static final String LIB = """
            pkg: lib/2.0.0
            sources: []
            build:
              script:
                - mkdir -p /spfs/lib && echo "lib data" > /spfs/lib/data
            """;

    @BeforeEach
    void setUp() throws Exception {
        RuntimeHarness.assumeOverlayFs();
        h = new RuntimeHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    RuntimeHarness.Result spk(String... args) throws Exception {
        return h.spk(args);
    }

    /** {@code spk args} with {@code input} on standard input. */
    RuntimeHarness.Result spkWithInput(String input, String... args) throws Exception {
        Path in = Files.writeString(Files.createTempFile(tmp, "in", ".txt"), input);
        return h.run(h.spkBuilder(List.of(), args).redirectInput(in.toFile()));
    }

    /** Builds a recipe (its source package NAME/VERSION/src first, as SPK); returns the binary builds made, in order. */
    List<String> build(String name, String yaml) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("recipes/" + name));
        Path file = Files.writeString(dir.resolve(name + ".spk.yaml"), yaml);
        RuntimeHarness.Result r = spk("build", file.toString());
        assertEquals(0, r.exit(), r.toString());
        List<String> built = r.out().lines().filter(l -> l.startsWith("built ")).map(l -> l.split(" ")[1]).toList();
        assertEquals(name + "/" + yaml.lines().findFirst().orElseThrow().replaceFirst(".*/", "") + "/src", built.get(0),
                "the source package first: " + r);
        return built.subList(1, built.size());
    }

    static Map<String, Digest> spkTags(Path repo) {
        FsRepository spfs = FsRepository.open(repo, Optional.empty());
        Map<String, Digest> out = new TreeMap<>();
        try (var s = spfs.tagStreams()) {
            s.filter(t -> t.path().startsWith("spk/")).forEach(t -> out.put(t.path(), spfs.resolveTag(t).target()));
        }
        return out;
    }

    @Test
    void deprecatedRemovedAndCleanedAway() throws Exception {
        List<String> builds = build("tool", TOOL).stream().sorted().toList(); // as repositories list them
        assertEquals(2, builds.size(), builds.toString());
        String a = builds.get(0);
        String b = builds.get(1);
        String src = "tool/1.0.0/src";
        FsRepository repo = FsRepository.open(h.repo, Optional.empty());
        Digest toolA = repo.resolveTag(TagSpec.parse("spk/pkg/" + a + "/run")).target();

        RuntimeHarness.Result no = spkWithInput("n\n", "rm", "tool");
        assertEquals(1, no.exit(), no.toString());
        assertTrue(no.out().startsWith("Are you sure that you want to remove all versions of tool from local? [y/N]: "), no.out());
        assertEquals(3, spk("ls", "tool/1.0.0").out().lines().count(), "nothing was removed");

        RuntimeHarness.Result dep = spk("deprecate", "-y", "tool/1.0.0");
        assertEquals(0, dep.exit(), dep.toString());
        // the version's recipe (which spk build published) and every build, its source package too
        assertEquals("About to deprecate 4 packages:\n  tool/1.0.0 (in local)\n  " + a + " (in local)\n  " + b
                + " (in local)\n  " + src + " (in local)\ndeprecated tool/1.0.0 in local\ndeprecated " + a
                + " in local\ndeprecated " + b + " in local\ndeprecated " + src + " in local\n", dep.out());
        assertEquals(1, spk("explain", "tool", "-o", "flavor=a").exit(), "deprecated builds are not chosen");
        assertEquals(0, spk("explain", "tool/=1.0.0/" + a.split("/")[2]).exit(), "unless requested exactly");
        RuntimeHarness.Result hidden = spk("search", "oo");
        assertEquals(1, hidden.exit(), hidden.toString());
        assertEquals("local tool/1.0.0 DEPRECATED\n", spk("search", "-d", "oo").out());

        RuntimeHarness.Result undo = spkWithInput("y\n", "undeprecate", a);
        assertEquals(0, undo.exit(), undo.toString());
        assertTrue(undo.out().endsWith("[y/N]: undeprecated " + a + " in local\n"), undo.out());
        RuntimeHarness.Result again = spk("explain", "tool");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("  " + a + ":run  (local)\n"), "the build back in use: " + again.out());
        RuntimeHarness.Result stats = spk("stats", "tool");
        assertTrue(stats.out().contains("Total builds     : 3  (100%)\nDeprecated builds: 2  ( 67%)\n"), stats.out());
        RuntimeHarness.Result du = spk("du", "-s", "tool/1.0.0/");
        assertEquals(1, du.out().lines().count(), "the deprecated build is left out: " + du);
        assertTrue(du.out().endsWith("    local/tool/1.0.0/" + a.split("/")[2] + "/\n"), du.out());

        RuntimeHarness.Result rmB = spk("rm", "-y", b);
        assertEquals("removed build " + b + " from local\nremoved recipe tool/1.0.0 from local\n", rmB.out());
        // one question per name, each answered by its own line of what is piped in
        RuntimeHarness.Result rmAll = spkWithInput("yes\ny\n", "remove", "tool", "tool");
        assertEquals(0, rmAll.exit(), rmAll.toString());
        assertEquals(2, rmAll.out().split("\\[y/N\\]: ", -1).length - 1, rmAll.out());
        assertTrue(rmAll.out().endsWith("removed build " + a + " from local\nremoved build " + src + " from local\n"),
                rmAll.out());
        assertEquals(1, spk("ls", "tool").exit());
        assertTrue(repo.hasObject(toolA), "the layer stays until spfs clean");
        RuntimeHarness.Result clean = h.run("clean", "--min-age", "0s");
        assertEquals(0, clean.exit(), clean.toString());
        assertFalse(repo.hasObject(toolA), "spfs clean freed it: " + clean.out());
        try (var payloads = Files.walk(h.repo.resolve("payloads"))) {
            assertEquals(0, payloads.filter(Files::isRegularFile).count(), "no payload of the builds is left");
        }
    }

    @Test
    void anArchiveTakesAVersionToAFreshRepositoryWithEveryDigest() throws Exception {
        build("tool", TOOL);
        Path work = Files.createDirectories(tmp.resolve("work"));
        RuntimeHarness.Result exp = h.spkIn(work, "export", "tool/1.0");
        assertEquals(0, exp.exit(), exp.toString());
        Path archive = work.resolve("tool_1.0.0.spk");
        assertTrue(Files.isRegularFile(archive), exp.out());
        assertEquals("", exp.err(), "no progress bar when not on a terminal");
        // on a terminal (script(1) gives the command one) a progress bar is drawn, and ends full
        ProcessBuilder inner = h.spkBuilder(List.of(), "export", "tool/1.0.0", tmp.resolve("tty.spk").toString());
        ProcessBuilder tty = new ProcessBuilder("script", "-qec", String.join(" ", inner.command().stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'").toList()), "/dev/null");
        tty.environment().clear();
        tty.environment().putAll(inner.environment());
        RuntimeHarness.Result onTerminal = h.run(tty);
        assertEquals(0, onTerminal.exit(), onTerminal.toString());
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("exporting +\\S+ \\[[= >]*\\] (\\d+)/(\\d+) ")
                .matcher(onTerminal.out());
        long done = -1;
        long of = -1;
        while (counts.find()) {
            done = Long.parseLong(counts.group(1));
            of = Long.parseLong(counts.group(2));
            assertTrue(done <= of, "never past its end: " + onTerminal.out());
        }
        assertTrue(done > 0 && done == of, "drawn, and full at the end: " + onTerminal.out());

        Path fresh = tmp.resolve("fresh");
        ProcessBuilder imp = h.spkBuilder(List.of(), "import", archive.toString());
        imp.environment().put("SPFS_STORAGE__ROOT", fresh.toString());
        RuntimeHarness.Result in = h.run(imp);
        assertEquals(0, in.exit(), in.toString());
        assertEquals(spkTags(h.repo), spkTags(fresh), "the same tags with the same targets");

        ProcessBuilder run = h.spkBuilder(List.of(), "env", "tool", "-o", "flavor=b", "--", "/spfs/bin/tool");
        run.environment().put("SPFS_STORAGE__ROOT", fresh.toString());
        RuntimeHarness.Result env = h.run(run);
        assertEquals("tool b\n", env.out(), env.toString());
    }

    @Test
    void environmentsAreBakedRenderedViewedAndGrownInPlace() throws Exception {
        String tool = build("tool", TOOL).get(0);
        String lib = build("lib", LIB).get(0);
        assertEquals(tool + "\n", spk("bake", "-f", "builds", "tool", "-o", "flavor=a").out());
        RuntimeHarness.Result layers = spk("bake", "tool", "lib", "-o", "flavor=a");
        assertEquals(2, layers.out().lines().count(), layers.toString());

        Path out = tmp.resolve("rendered");
        RuntimeHarness.Result render = spk("render", "tool", "lib", "-o", "flavor=a", out.toString());
        assertEquals(0, render.exit(), render.toString());
        assertEquals("lib data\n", Files.readString(out.resolve("lib/data")));
        assertTrue(Files.isExecutable(out.resolve("bin/tool")));
        assertEquals(2, spk("render", "tool", out.toString()).exit(), "only into an empty folder");

        RuntimeHarness.Result inside = spk("env", "tool", "-o", "flavor=a", "--", "sh", "-c", String.join("; ",
                "spk view", "spk bake -f builds", "spk view -F /spfs/bin/tool", "spk install -y lib",
                "cat /spfs/lib/data", "spk view -f json", "spk view -F /spfs/lib/data -f yaml", "spk view -F /spfs/nosuch",
                "echo exit $?"));
        assertEquals(0, inside.exit(), inside.toString());
        String o = inside.out();
        assertTrue(o.startsWith("Installed Packages:\n  " + tool + ":run  ("), o);
        assertTrue(o.contains("Number of Packages: 1\n" + tool + "\n/spfs/bin/tool: is in 1 package/layer:\n " + tool
                + ":run\n"), o);
        assertTrue(o.contains("The following packages will be installed:\n  Requested:\n    " + lib + ":run  (local)\n"), o);
        assertTrue(o.contains("\nlib data\n[{\"package\":\"" + lib + "\""), "installed into the running runtime: " + o);
        assertTrue(o.contains("/spfs/lib/data:\n- package: " + lib + ":run\n"), o);
        assertTrue(o.endsWith("exit 1\n"), o);
        assertTrue(inside.err().contains("error: /spfs/nosuch: not found in the current /spfs runtime"), inside.err());
        RuntimeHarness.Result outside = spk("view");
        assertEquals(2, outside.exit(), "outside a runtime: " + outside);
        assertTrue(outside.err().startsWith("error: not in an spfs runtime"), outside.err());
    }

    @Test
    void aWorkspaceTemplateIsBuiltByNameAndVersionAndEnteredByStage() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws/packages/wt"));
        Files.writeString(tmp.resolve("ws/workspace.spk.yaml"), """
                api: v0/workspace
                recipes:
                  - path: packages/**/*.spk.yaml
                    versions: ['1.{0..1}.0']
                """);
        Files.writeString(ws.resolve("wt.spk.yaml"), """
                # {% set opt = opt | default_opts(version="1.0.0") %}
                pkg: wt/{{ opt.version }}
                sources: []
                build:
                  script:
                    - mkdir -p /spfs/bin
                    - printf '#!/bin/sh\\necho wt {{ opt.version }}\\n' > /spfs/bin/wt && chmod +x /spfs/bin/wt
                """);
        RuntimeHarness.Result built = h.spkIn(ws, "build", "wt/1.1");
        assertEquals(0, built.exit(), built.toString());
        assertTrue(built.out().startsWith("built wt/1.1.0/"), "rendered with the version asked for: " + built.out());
        RuntimeHarness.Result env = h.spkIn(tmp.resolve("ws"), "env", "wt/1.1@install", "--", "/spfs/bin/wt");
        assertEquals("wt 1.1.0\n", env.out(), env.toString());
    }
}
