package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spk.cli.spk.SpkCommand;
import spk.spec.SpecLoader;
import spk.storage.SpfsPackageRepository;

/** SPK's repository flags from the command line: -r adds to local, names, -L, --no-local-repo, --disable-repo, --when. */
class RepositoryFlagsTest {
    @TempDir
    static Path home;

    static Path plugins;

    @BeforeAll
    static void repositories() throws Exception {
        // the local repository holds the base; a catalog elsewhere holds a plugin that needs it
        publishBase(home);
        plugins = home.resolve("plugins.yaml");
        Files.writeString(plugins, """
                - pkg: plugin/2.0.0/BBBBBBBB
                  install:
                    requirements: [{pkg: base/1}]
                """);
    }

    /**
     * Makes {@code home/local} an spfs repository holding base/1.0.0/AAAAAAAA, published as
     * {@code spk build} would: its spec and a run layer with {@code /spfs/bin/base}.
     */
    static void publishBase(Path home) throws Exception {
        FsRepository spfs = FsRepository.create(home.resolve("local"), Optional.empty());
        SpfsPackageRepository local = new SpfsPackageRepository("local", spfs, new SpecLoader("0.44.0", Map.of()));
        Path files = Files.createDirectories(home.resolve("files/bin"));
        Files.writeString(files.resolve("base"), "base\n");
        var layer = new spfs.commit.DirectoryCommitter(spfs, ObjectFormat.DEFAULT, 1).commit(files.getParent()).layer();
        local.publish("pkg: base/1.0.0/AAAAAAAA\n", Map.of(spk.grammar.ident.Component.RUN, layer.digest()),
                ObjectFormat.DEFAULT, "test@host");
    }

    static CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(CommandLineTest.isolated(home)), args);
    }

    @Test
    void enableRepoAddsToTheLocalRepository() {
        CommandLineTest.Run r = spk("explain", "--no-host", "-r", plugins.toString(), "plugin");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("  plugin/2.0.0/BBBBBBBB:run  (plugins)\n  base/1.0.0/AAAAAAAA:run  (local)\n"), r.out());
        CommandLineTest.Run named = spk("explain", "--no-host", "--enable-repo", "extra=" + plugins, "plugin");
        assertTrue(named.out().contains("(extra)"), named.out());
    }

    @Test
    void theLocalRepositoryCanBeLeftOut() {
        for (java.util.List<String> flags : java.util.List.of(java.util.List.of("--no-local-repo"),
                java.util.List.of("--disable-repo", "local"))) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("explain", "--no-host", "-r",
                    plugins.toString()));
            args.addAll(flags);
            args.add("plugin");
            CommandLineTest.Run r = spk(args.toArray(String[]::new));
            assertEquals(1, r.exit(), args + ": " + r.out());
            assertTrue(r.out().contains("no builds of 'base' in any repository"), r.out());
        }
        CommandLineTest.Run only = spk("ls", "-L", "-r", plugins.toString());
        assertEquals("base\n", only.out(), "-L: the local repository only");
        assertEquals("base\nplugin\n", spk("ls", "-r", plugins.toString()).out());
        assertEquals("plugin\n", spk("ls", "-r", plugins.toString(), "--disable-repo", "local").out());
    }

    @Test
    void localAndConfiguredRemotesAreNamedAndTimesApply() {
        assertEquals("base\n", spk("ls", "-r", "local").out());
        assertEquals("base\n", spk("ls", "-r", "local~0s").out());
        CommandLineTest.Run past = spk("ls", "--when", "~30d", "base");
        assertEquals(1, past.exit(), "base was published just now: a month ago there was none");
        assertEquals("error: no package base: not in local\n", past.err());
        CommandLineTest.Run badTime = spk("ls", "--when", "yesterday");
        assertEquals(2, badTime.exit());
        assertTrue(badTime.err().startsWith("error: invalid time 'yesterday': it must start with ~"), badTime.err());
        CommandLineTest.Run unknown = spk("ls", "-r", "studio");
        assertEquals(2, unknown.exit());
        assertEquals("error: -r studio: no such folder or file, nor a repository of that name (those are: local; "
                + "remotes come from the spfs configuration)\n", unknown.err());
    }

    @Test
    void lsSaysWhenNothingMatches() {
        CommandLineTest.Run none = spk("ls", "nosuchpkg");
        assertEquals(1, none.exit());
        assertEquals("error: no package nosuchpkg: not in local\n", none.err());
        CommandLineTest.Run version = spk("ls", "base/9.9");
        assertEquals(1, version.exit());
        assertEquals("error: no builds of base/9.9: not in local\n", version.err());
        assertEquals(0, spk("ls", "base/1.0").exit());
    }
}
