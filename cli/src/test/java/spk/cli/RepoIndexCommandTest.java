package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spk.cli.spk.SpkCommand;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.spec.SpecLoader;
import spk.storage.SpfsPackageRepository;

/** {@code spk repo index} as a user runs it: catalog folders, spfs repositories, and what is neither. */
class RepoIndexCommandTest {
    @TempDir
    Path dir;

    private CommandLineTest.Run spk(String... args) {
        return CommandLineTest.run(new SpkCommand(CommandLineTest.isolated(dir.resolve("home"))), args);
    }

    /** As {@link #spk}, with what the process writes to standard error (repositories' warnings) in err. */
    private CommandLineTest.Run spkCapturingStandardError(String... args) {
        java.io.PrintStream was = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true));
        try {
            CommandLineTest.Run r = spk(args);
            return new CommandLineTest.Run(r.exit(), r.out(), r.err() + bytes);
        } finally {
            System.setErr(was);
        }
    }

    private static void assertOneLineError(CommandLineTest.Run r, String expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void indexesACatalogFolderAndSolvesGiveTheSameAnswers() throws Exception {
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(catalog.resolve("maya.yaml"), "- pkg: maya/2019.0.0/AAAAAAAA\n- pkg: maya/2020.0.0/AAAAAAAA\n");
        Files.writeString(catalog.resolve("plugins.yaml"), """
                - pkg: my-plugin/1.0.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2019}]
                - pkg: my-plugin/1.1.0/AAAAAAAA
                  install:
                    requirements: [{pkg: maya/2020}]
                """);
        CommandLineTest.Run before = spk("explain", "-r", catalog.toString(), "--no-host", "my-plugin");
        assertEquals(0, before.exit(), before.err());
        CommandLineTest.Run r = spk("repo", "index", "-r", catalog.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("indexed 4 specs from 2 files into " + catalog.resolve(".spk-repo-index")), r.out());
        assertTrue(Files.isRegularFile(catalog.resolve(".spk-repo-index")));
        CommandLineTest.Run after = spk("explain", "-r", catalog.toString(), "--no-host", "my-plugin");
        assertEquals(before.out(), after.out());
        // a second run remakes it in place
        assertEquals(0, spk("repo", "index", "-r", catalog.toString()).exit());
    }

    @Test
    void indexesAnSpfsRepository() throws Exception {
        Path root = dir.resolve("spfs-repo");
        FsRepository fs = FsRepository.create(root, Optional.empty());
        new SpfsPackageRepository("x", fs, new SpecLoader("0.44.0", Map.of()))
                .publish("api: v0/package\npkg: hello/1.0.0/AAAAAAAA\n", Map.of(), ObjectFormat.DEFAULT, "test");
        CommandLineTest.Run r = spk("repo", "index", "-r", root.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("indexed 1 builds into " + root.resolve("spk-repo-index")), r.out());
    }

    @Test
    void removeAndDeprecateKeepTheLocalIndexCurrent() throws Exception {
        Path root = dir.resolve("home/local");
        FsRepository fs = FsRepository.create(root, Optional.empty());
        SpecLoader loader = new SpecLoader("0.44.0", Map.of());
        SpfsPackageRepository repo = new SpfsPackageRepository("local", fs, loader);
        for (String ident : new String[] {"hello/1.0.0/AAAAAAAA", "hello/1.1.0/BBBBBBBB", "greeter/1.0.0/CCCCCCCC"}) {
            repo.publish("api: v0/package\npkg: " + ident + "\n", Map.of(), ObjectFormat.DEFAULT, "test");
        }
        CommandLineTest.Run r = spk("repo", "index");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("indexed 3 builds into " + root.resolve("spk-repo-index")), r.out());

        r = spkCapturingStandardError("remove", "-y", "hello/1.0.0/AAAAAAAA");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertFalse(r.err().contains("warning"), r.err());
        SpfsPackageRepository after = new SpfsPackageRepository("local", FsRepository.open(root, Optional.empty()), loader)
                .withIndexWarnings(w -> { throw new AssertionError("the index should be current: " + w); });
        assertTrue(after.fromIndex());
        assertEquals(List.of(Version.parse("1.1.0")), after.versions(new PkgName("hello")));

        r = spkCapturingStandardError("deprecate", "-y", "greeter/1.0.0");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertFalse(r.err().contains("warning"), r.err());
        after = new SpfsPackageRepository("local", FsRepository.open(root, Optional.empty()), loader)
                .withIndexWarnings(w -> { throw new AssertionError("the index should be current: " + w); });
        assertTrue(after.fromIndex());
        assertTrue(after.builds(new PkgName("greeter"), Version.parse("1.0.0")).get(0).deprecated());
    }

    @Test
    void whatIsNotARepositoryIsRefusedWithOneLine() throws Exception {
        assertOneLineError(spk("repo", "index", "-r", dir.resolve("missing").toString()), "no such folder");
        Path file = Files.writeString(dir.resolve("spec.yaml"), "pkg: a/1.0.0/AAAAAAAA\n");
        assertOneLineError(spk("repo", "index", "-r", file.toString()), "a file; an index is made for");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing");
        assertOneLineError(spk("repo", "index", "-r", empty.toString()), "not a repository");
        assertFalse(Files.exists(empty.resolve(".spk-repo-index")));
        // no local repository yet
        assertOneLineError(spk("repo", "index"), "no local repository");
        assertOneLineError(spk("repo"), "a subcommand is required");
    }

    @Test
    void theCommandIsListed() {
        CommandLineTest.Run r = spk("--help");
        assertTrue(r.out().contains("repo"), r.out());
        assertTrue(spk("repo", "--help").out().contains("index"));
    }
}
