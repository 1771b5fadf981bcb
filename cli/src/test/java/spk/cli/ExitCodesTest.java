package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import spfs.storage.fs.FsRepository;
import spk.cli.app.Cli;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;

/**
 * The README's table of exit codes, held for every command: 0 success, 1 unsatisfiable or not
 * found, 2 bad input or usage, 3 environment; every failure is {@code error: } lines on stderr
 * (an unsatisfiable solve prints its explanation on stdout instead, lint its report). 70 (internal) is in
 * CommandLineTest. A new spk subcommand without a case here fails the test.
 */
class ExitCodesTest {
    @TempDir
    static Path home;

    static Path catalog;
    static Path good;
    static Path choices;
    static Path malformed;
    static Path broken;
    static Path debian;

    @BeforeAll
    static void setUp() throws Exception {
        RepositoryFlagsTest.publishBase(home);
        FsRepository.create(home.resolve("shared"), Optional.empty());
        catalog = home.resolve("catalog.yaml");
        Files.writeString(catalog, "- pkg: tool/1.0.0/BBBBBBBB\n");
        good = home.resolve("good.spk.yaml");
        Files.writeString(good, "pkg: good/1.0.0\nbuild:\n  options: [{var: debug/off, choices: [on, off]}]\n");
        choices = home.resolve("flavor.spk.yaml");
        Files.writeString(choices, "pkg: flavor/1.0.0\nsources: []\nbuild:\n  options:\n    - var: flavor/vanilla\n"
                + "      choices: [vanilla, chocolate]\n  script: [touch /spfs/x]\n");
        malformed = home.resolve("malformed.spk.yaml");
        Files.writeString(malformed, "pkg: bad/1.0.0\nbuild:\n  options: [\n");
        Files.createFile(home.resolve("a-file"));
        broken = home.resolve("broken.yaml");
        Files.writeString(broken, "- pkg: needy/1.0.0/CCCCCCCC\n  install:\n    requirements: [{pkg: nosuch}]\n");
        debian = home.resolve("Packages");
        Files.writeString(debian, "Package: a\nVersion: 1.0\nArchitecture: amd64\nDepends: b\n\n"
                + "Package: b\nVersion: 2.0\nArchitecture: all\n\nPackage: c\nVersion: 1\nArchitecture: amd64\nDepends: nosuch\n");
        var local = new spk.storage.SpfsPackageRepository("local", FsRepository.open(home.resolve("local"), Optional.empty()),
                new spk.spec.SpecLoader("0.44.0", Map.of()));
        for (String pkg : List.of("extra/1.0.0/AAAAAAAA", "gone/1.0.0/AAAAAAAA")) {
            local.publish("pkg: " + pkg + "\n", Map.of(), spfs.graph.ObjectFormat.DEFAULT, "test@host");
        }
    }

    record Case(int exit, String[] args, Map<String, String> env) {
        static Case of(int exit, String... args) {
            return new Case(exit, args, Map.of());
        }

        Case with(String key, String value) {
            return new Case(exit, args, Map.of(key, value));
        }
    }

    static List<Case> spkCases() {
        String missing = home.resolve("missing.spk.yaml").toString();
        String cat = catalog.toString();
        return List.of(
                Case.of(0, "version"),
                Case.of(0, "help", "build"),
                Case.of(0, "explain", "--no-host", "-r", cat, "tool"),
                Case.of(1, "explain", "--no-host", "nosuch"),
                Case.of(2, "explain", "tool/>=1..2"),
                Case.of(2, "explain", "-r", home.resolve("nowhere").toString(), "tool"),
                Case.of(0, "env", "--dry-run", "--no-host", "base"),
                Case.of(1, "env", "--no-host", "nosuch", "--", "true"),
                Case.of(2, "env", "--no-host", "-r", cat, "tool", "--", "true"),
                Case.of(0, "ls"),
                Case.of(0, "ls", "base/1"),
                Case.of(1, "ls", "nosuch"),
                Case.of(1, "ls", "base/9"),
                Case.of(2, "ls", "Bad_Name"),
                Case.of(0, "view", good.toString()),
                Case.of(0, "view", "--no-host", "base"),
                Case.of(1, "view", "--no-host", "nosuch"),
                Case.of(2, "view", missing),
                Case.of(0, "lint", good.toString()),
                Case.of(2, "lint", missing),
                Case.of(2, "lint", malformed.toString()),
                Case.of(2, "build", missing),
                Case.of(2, "build", malformed.toString()),
                Case.of(2, "build", good.toString(), "--variant", "5"),
                Case.of(2, "build", choices.toString(), "-o", "flavor=mint"),
                Case.of(3, "build", good.toString()).with("SPFS_STORAGE__ROOT", home.resolve("a-file/local").toString()),
                Case.of(0, "make-source", choices.toString()),
                Case.of(2, "make-source", missing),
                Case.of(2, "make-source", malformed.toString()),
                Case.of(1, "make-binary", good.toString()),
                Case.of(2, "make-binary", missing),
                Case.of(2, "make-binary", choices.toString(), "-o", "flavor=mint"),
                Case.of(0, "test", good.toString()),
                Case.of(1, "test", "nosuch/1.0.0"),
                Case.of(2, "test", good + "@nosuch"),
                Case.of(2, "test", missing),
                Case.of(0, "publish", "base", "-r", home.resolve("shared").toString()),
                Case.of(1, "publish", "nosuch", "-r", home.resolve("shared").toString()),
                Case.of(2, "publish", "base", "-r", home.resolve("not-a-repo").toString()),
                Case.of(3, "publish", "base", "-r", home.resolve("a-file/repo").toString(), "--create"),
                Case.of(2, "new", "Bad_Name"),
                Case.of(0, "num-variants", good.toString()),
                Case.of(2, "num-variants", missing),
                Case.of(0, "make-recipe", good.toString()),
                Case.of(2, "make-recipe", missing),
                Case.of(2, "make-recipe"),
                Case.of(0, "check-installable", "--no-host", "--no-local-repo", "-r", cat), // local has builds without files
                Case.of(1, "check-installable", "--no-host", "-r", broken.toString()),
                Case.of(2, "check-installable", "-r", home.resolve("nowhere").toString()),
                Case.of(0, "bench", "install", debian.toString(), "a"),
                Case.of(1, "bench", "distcheck", debian.toString()),
                Case.of(2, "bench", "distcheck", home.resolve("nowhere").toString()),
                Case.of(2, "bench"),
                Case.of(0, "deprecate", "-y", "extra/1.0.0"),
                Case.of(0, "undeprecate", "-y", "extra/1.0.0/AAAAAAAA"),
                Case.of(1, "deprecate", "-y", "nosuch/1.0.0"),
                Case.of(2, "deprecate", "extra"),
                Case.of(2, "deprecate", "-y", "-r", cat, "tool/1.0.0"),
                Case.of(1, "undeprecate", "-y", "extra/2.0.0"),
                Case.of(0, "remove", "-y", "gone/1.0.0"),
                Case.of(1, "remove", "-y", "gone/1.0.0"),
                Case.of(2, "remove", "-y", "gone/"),
                Case.of(0, "search", "xtr"),
                Case.of(1, "search", "nosuch"),
                Case.of(0, "du", "-s", "-H", "-c", "base"),
                Case.of(2, "du", "base/1.0.0/:run"),
                Case.of(0, "stats"),
                Case.of(1, "stats", "nosuch"),
                Case.of(0, "export", "base/1.0.0", home.resolve("base.spk").toString()),
                Case.of(1, "export", "nosuch/1.0.0", home.resolve("nosuch.spk").toString()),
                Case.of(2, "export", "base"),
                Case.of(0, "import", home.resolve("base.spk").toString()),
                Case.of(2, "import", home.resolve("nosuch.spk").toString()),
                Case.of(3, "import", home.resolve("base.spk").toString()).with("SPFS_STORAGE__ROOT",
                        home.resolve("a-file/local").toString()),
                Case.of(0, "bake", "--no-host", "base"),
                Case.of(1, "bake", "--no-host", "nosuch"),
                Case.of(2, "bake"),
                Case.of(2, "install", "base"),
                Case.of(0, "render", "--no-host", "base", home.resolve("rendered").toString()),
                Case.of(1, "render", "--no-host", "nosuch", home.resolve("rendered-nothing").toString()),
                Case.of(2, "render", "--no-host", "base", home.resolve("rendered").toString()),
                Case.of(0, "view", "--no-host", "-p", "base"),
                Case.of(2, "view", "-F", "/spfs/bin/base"),
                Case.of(0, "repo", "index", "-r", home.resolve("shared").toString()),
                Case.of(0, "repo", "index"),
                Case.of(0, "ls", "extra"),
                Case.of(2, "repo", "index", "-r", cat),
                Case.of(2, "repo", "index", "-r", home.resolve("nowhere").toString()),
                Case.of(2, "repo"),
                Case.of(0, "completion", "fish"),
                Case.of(2, "completion", "powershell"),
                Case.of(2, "--bogus"),
                Case.of(2));
    }

    static CommandLineTest.Run run(Object command, Case c) {
        return CommandLineTest.run(command, c.args());
    }

    static Map<String, String> env(Case c) {
        Map<String, String> env = new java.util.HashMap<>(CommandLineTest.isolated(home));
        env.putAll(c.env());
        return env;
    }

    @Test
    void everySpkCommandExitsAsTheTableSays() {
        for (Case c : spkCases()) {
            CommandLineTest.Run r = run(new SpkCommand(env(c)), c);
            String what = "spk " + String.join(" ", c.args()) + "\nstdout:\n" + r.out() + "stderr:\n" + r.err();
            assertEquals(c.exit(), r.exit(), what);
            if (c.exit() == 0) {
                assertEquals("", r.err(), what);
            } else if (c.exit() == 1 && r.err().isEmpty()) {
                // a solve explains itself; the installability checks list what cannot be installed, and why
                assertTrue(r.out().contains("Failed to resolve: ") || r.out().contains("cannot install ")
                        || r.out().contains("broken-packages: "), "an unsatisfiable solve explains itself: " + what);
            } else if (c.args().length > 0 && c.args()[0].equals("lint")) {
                assertTrue(r.out().contains(": error: ") && r.out().contains("Failed "), "lint's report lists it: " + what);
            } else {
                assertTrue(!r.err().isEmpty() && r.err().lines().allMatch(l -> l.startsWith("error: ")), what);
                assertTrue(r.err().lines().noneMatch(l -> l.substring(7).contains("error: ")), "one prefix: " + what);
            }
        }
    }

    @Test
    void everySpkCommandHasACase() {
        Set<String> covered = new TreeSet<>();
        spkCases().forEach(c -> covered.add(c.args().length == 0 ? "" : c.args()[0]));
        Set<String> commands = new TreeSet<>();
        CommandLine root = Cli.completeCommandLine(new SpkCommand());
        root.getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) {
                commands.add(name);
            }
        });
        List<String> missing = new ArrayList<>(commands);
        missing.removeAll(covered);
        assertEquals(List.of(), missing, "spk commands with no exit-code case");
    }

    @Test
    void spfsCommandsFollowTheSameTable() {
        List<Case> cases = List.of(
                Case.of(0, "version"),
                Case.of(0, "tags"),
                Case.of(1, "read", "nosuch/tag"),
                Case.of(1, "info", "nosuch"),
                Case.of(2, "commit", "--path", home.resolve("nowhere").toString()),
                Case.of(2, "tags", "--bogus"),
                Case.of(2, "runtime"),
                Case.of(3, "tags").with("SPFS_STORAGE__ROOT", home.resolve("a-file/repo").toString()));
        for (Case c : cases) {
            CommandLineTest.Run r = run(new SpfsCommand(env(c)), c);
            String what = "spfs " + String.join(" ", c.args()) + "\n" + r.out() + r.err();
            assertEquals(c.exit(), r.exit(), what);
            assertTrue(c.exit() == 0 ? r.err().isEmpty() : r.err().startsWith("error: "), what);
        }
    }
}
