package spfs.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.Blob;
import spfs.graph.Manifest;
import spfs.graph.ObjectFormat;
import spfs.render.RenderStrategy;
import spfs.render.Renderer;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Manifests;

class CommitRenderTest {
    @TempDir
    Path tmp;

    static void tree(Path d) throws Exception {
        Files.createDirectories(d.resolve("bin"));
        Files.createDirectories(d.resolve("share/doc"));
        Files.writeString(d.resolve("bin/tool"), "#!/bin/sh\necho hi\n");
        Files.setAttribute(d.resolve("bin/tool"), "unix:mode", 0755);
        Files.writeString(d.resolve("share/doc/README"), "hello world\n");
        Files.setAttribute(d.resolve("share/doc/README"), "unix:mode", 0644);
        Files.createSymbolicLink(d.resolve("share/link"), Path.of("doc/README"));
        Files.createDirectories(d.resolve("empty"));
    }

    @Test
    void commitStoresEverythingAndRenderGivesTheTreeBack() throws Exception {
        Path src = tmp.resolve("src");
        tree(src);
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        var result = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 4).commit(src);
        assertEquals(3, result.files());
        Manifest m = (Manifest) repo.readObject(result.layer().manifest().orElseThrow());
        assertEquals(result.manifest(), m);
        for (var d : m.childObjects()) {
            assertTrue(repo.hasPayload(d));
            assertTrue(repo.readObject(d) instanceof Blob, "a blob object next to each payload");
        }
        DirNode t = Manifests.toTree(m);
        FileNode readme = (FileNode) ((DirNode) ((DirNode) t.children().get("share")).children().get("doc")).children().get("README");
        assertEquals("VFEJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====", readme.object().toString());
        assertEquals(0100644, readme.mode());

        for (RenderStrategy s : RenderStrategy.values()) {
            Path out = tmp.resolve("out-" + s);
            new Renderer(repo, s, 3, false).renderInto(t, out, false);
            assertEquals("hello world\n", Files.readString(out.resolve("share/doc/README")));
            assertEquals(Path.of("doc/README"), Files.readSymbolicLink(out.resolve("share/link")));
            assertTrue(Files.isDirectory(out.resolve("empty")));
            if (s != RenderStrategy.HARD_LINK_NO_PROXY) {
                assertEquals(0100755, Files.getAttribute(out.resolve("bin/tool"), "unix:mode"));
            }
            var again = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(out);
            assertEquals(result.manifest().digest(), again.manifest().digest(), "render then commit is stable: " + s);
            assertEquals(0, again.newPayloads());
        }
        // a proxy per (payload, mode), named by the decimal mode
        Path proxy = repo.root().resolve("renders/" + FsRepository.currentUser() + "/proxy/VF/EJATZPB5DZXD4BS5UUWMAYJMGS5UOBZUVB5QH3QXJJTIMSURDQ====/33188");
        assertTrue(Files.isRegularFile(proxy, LinkOption.NOFOLLOW_LINKS));
    }

    /** Files are handed to the workers in batches: a folder of many files, and one of a batch and one more. */
    @Test
    void largeFoldersRenderWhole() throws Exception {
        Path src = tmp.resolve("src");
        for (int[] folder : new int[][] {{0, 1000}, {1, 65}, {2, 64}, {3, 1}}) {
            Path d = Files.createDirectories(src.resolve("d" + folder[0]));
            for (int i = 0; i < folder[1]; i++) {
                Files.writeString(d.resolve("f" + i), "file " + folder[0] + "/" + i + "\n");
            }
        }
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        var result = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(src);
        DirNode t = Manifests.toTree(result.manifest());
        for (RenderStrategy s : RenderStrategy.values()) {
            Path out = tmp.resolve("out-" + s);
            var summary = new Renderer(repo, s, 2, false).renderInto(t, out, false);
            assertEquals(1130, summary.linked() + summary.copied(), s.toString());
            for (int[] folder : new int[][] {{0, 999}, {1, 64}, {2, 63}, {3, 0}}) {
                assertEquals("file " + folder[0] + "/" + folder[1] + "\n",
                        Files.readString(out.resolve("d" + folder[0] + "/f" + folder[1])));
            }
            assertEquals(result.manifest().digest(),
                    new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(out).manifest().digest(), s.toString());
        }
    }

    /**
     * Runtimes started together render the same manifest at once; the renders race to one
     * rename, and each loser must take the winner's render instead of failing.
     */
    @Test
    void concurrentRendersOfOneManifestAllSucceed() throws Exception {
        Path src = tmp.resolve("src");
        tree(src);
        FsRepository repo = FsRepository.create(tmp.resolve("repo"), Optional.empty());
        Manifest m = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(src).manifest();
        DirNode t = Manifests.toTree(m);
        int threads = 6;
        for (int round = 0; round < 5; round++) {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
            var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<Path>> renders = new java.util.ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    renders.add(pool.submit(() -> {
                        start.await();
                        return new Renderer(repo, RenderStrategy.HARD_LINK, 1, false).renderManifest(m.digest(), t);
                    }));
                }
                Path first = renders.get(0).get();
                for (var r : renders) {
                    assertEquals(first, r.get(), "every racer gets the one render");
                }
                assertEquals("hello world\n", Files.readString(first.resolve("share/doc/README")));
                try (var work = Files.list(first.getParent().getParent().resolve("work"))) {
                    assertEquals(0, work.count(), "the losers' work directories are removed");
                }
                spfs.render.RenderCleanup.deleteTree(first);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void manifestDigestDependsOnlyOnContent() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        tree(a);
        tree(b);
        FsRepository r1 = FsRepository.create(tmp.resolve("r1"), Optional.empty());
        FsRepository r2 = FsRepository.create(tmp.resolve("r2"), Optional.empty());
        assertEquals(new DirectoryCommitter(r1, ObjectFormat.DEFAULT, 1).commit(a).layer(),
                new DirectoryCommitter(r2, ObjectFormat.DEFAULT, 8).commit(b).layer());
    }
}
