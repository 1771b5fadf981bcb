package spk.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.spec.model.SourceSpec;

/** Each kind of source, collected for real (git, tar and bash of the host; an HTTP server of the JDK). */
class SourceCollectorTest {
    @TempDir
    Path tmp;

    private final ScratchFolders scratch = new ScratchFolders();
    private final SourceCollector collector = new SourceCollector(scratch);

    @AfterEach
    void removeScratch() {
        scratch.close();
    }

    static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    static TreeSet<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p) + (Files.isDirectory(p) ? "/" : ""))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aLocalFolderIsCopiedWithoutWhatItsExcludesAndGitignoreFilesLeaveOut() throws Exception {
        Path recipe = Files.createDirectories(tmp.resolve("recipe"));
        Files.createDirectories(recipe.resolve("src/.git"));
        Files.writeString(recipe.resolve("src/.git/HEAD"), "x");
        Files.createDirectories(recipe.resolve("src/build/out"));
        Files.writeString(recipe.resolve("src/build/out/a.o"), "obj");
        Files.writeString(recipe.resolve("src/main.c"), "int main;");
        Files.writeString(recipe.resolve("src/main.o"), "obj");
        Files.writeString(recipe.resolve("src/.gitignore"), "# objects\n*.o\n/build/\n");
        Files.createDirectories(recipe.resolve("src/sub"));
        Files.writeString(recipe.resolve("src/sub/.gitignore"), "*.tmp\n!keep.o\n");
        Files.writeString(recipe.resolve("src/sub/x.tmp"), "t");
        Files.writeString(recipe.resolve("src/sub/keep.o"), "kept: a deeper file takes it back");
        Files.writeString(recipe.resolve("src/notes.txt"), "n");
        Path into = Files.createDirectories(tmp.resolve("into"));
        collector.collect(List.of(new SourceSpec.Local("./src", List.of(".git/", "notes.txt"),
                SourceSpec.Local.DEFAULT_FILTER, Optional.empty())), recipe, into, Map.of());
        assertEquals(new TreeSet<>(List.of(".gitignore", "main.c", "sub/", "sub/.gitignore", "sub/keep.o")), files(into));
    }

    @Test
    void gitFromALocalPathAndAFileUrlTarLocalAndByUrlAndScriptsThatSeeEarlierSources() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("upstream"));
        run(repo, "git", "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("lib.c"), "int lib;");
        run(repo, "git", "add", "lib.c");
        run(repo, "git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "one");
        run(repo, "git", "tag", "v1");
        Path tarDir = Files.createDirectories(tmp.resolve("tarball/pkg-1.0"));
        Files.writeString(tarDir.resolve("README"), "from a tarball");
        run(tmp.resolve("tarball"), "tar", "-czf", tmp.resolve("pkg-1.0.tar.gz").toString(), "pkg-1.0");
        byte[] archive = Files.readAllBytes(tmp.resolve("pkg-1.0.tar.gz"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            boolean found = ex.getRequestURI().getPath().equals("/dl/pkg-1.0.tar.gz");
            ex.sendResponseHeaders(found ? 200 : 404, found ? archive.length : -1);
            try (OutputStream o = ex.getResponseBody()) {
                if (found) {
                    o.write(archive);
                }
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dl/pkg-1.0.tar.gz";
            Path into = Files.createDirectories(tmp.resolve("into"));
            collector.collect(List.of(
                    new SourceSpec.Git("../upstream", Optional.of("v1"), 1, Optional.of("bypath")),
                    new SourceSpec.Git(repo.toUri().toString(), Optional.empty(), 1, Optional.of("byurl")),
                    new SourceSpec.Tar("../pkg-1.0.tar.gz", Optional.of("local-tar")),
                    new SourceSpec.Tar(url, Optional.of("remote-tar")),
                    new SourceSpec.Script(List.of("cat bypath/lib.c remote-tar/pkg-1.0/README > seen.txt",
                            "echo \"$SPK_PKG_NAME\" >> seen.txt"), Optional.empty())),
                    Files.createDirectories(tmp.resolve("recipe")), into, Map.of("SPK_PKG_NAME", "demo"));
            assertTrue(Files.isRegularFile(into.resolve("bypath/lib.c")));
            assertTrue(Files.isDirectory(into.resolve("bypath/.git")), "a clone keeps its history, as SPK's does");
            assertTrue(Files.isRegularFile(into.resolve("byurl/lib.c")));
            assertEquals("from a tarball", Files.readString(into.resolve("local-tar/pkg-1.0/README")));
            assertEquals("int lib;from a tarballdemo\n", Files.readString(into.resolve("seen.txt")));

            BinaryBuilder.BuildFailed missing = assertThrows(BinaryBuilder.BuildFailed.class, () -> collector.collect(
                    List.of(new SourceSpec.Tar(url.replace("pkg-1.0", "nope"), Optional.empty())), tmp, into, Map.of()));
            assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFailingScriptOrAMissingPathFailsTheCollectionWithTheReason() throws Exception {
        Path into = Files.createDirectories(tmp.resolve("into"));
        BinaryBuilder.BuildFailed script = assertThrows(BinaryBuilder.BuildFailed.class, () -> collector.collect(
                List.of(new SourceSpec.Script(List.of("exit 4"), Optional.empty())), tmp, into, Map.of()));
        assertEquals("the source script failed (exit 4)", script.getMessage());
        BinaryBuilder.BuildFailed path = assertThrows(BinaryBuilder.BuildFailed.class, () -> collector.collect(
                List.of(new SourceSpec.Local("./nope", List.of(), List.of(), Optional.empty())), tmp, into, Map.of()));
        assertTrue(path.getMessage().startsWith("source path ") && path.getMessage().endsWith("nope does not exist"));
        assertThrows(BinaryBuilder.BuildFailed.class, () -> collector.collect(List.of(new SourceSpec.Script(
                List.of("true"), Optional.of("../outside"))), tmp, into, Map.of()));
        assertFalse(Files.exists(tmp.resolve("outside")));
    }
}
