package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.monitor.ProcessTable;
import spfs.runtime.RuntimeData;
import spfs.storage.fs.FsRepository;
import spfs.tag.TagSpec;

/**
 * spfs runtimes for real: private mount namespaces, tmpfs, overlayfs over rendered layers with
 * masks, the FUSE view, the monitor's teardown. Each runtime is a real {@code spfs} process
 * (it replaces itself with the command, so it cannot run inside the test JVM).
 */
class RuntimeMountTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;

    @BeforeAll
    static void kernelHasOverlay() throws IOException {
        RuntimeHarness.assumeOverlayFs();
    }

    @BeforeEach
    void setUp() throws IOException {
        h = new RuntimeHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Commits a directory as a layer tagged {@code tag}; returns the digest. */
    String commit(Path dir, String tag) throws Exception {
        RuntimeHarness.Result r = h.run("commit", "--path", dir.toString(), "-t", tag);
        assertEquals(0, r.exit(), r.toString());
        return r.out().lines().filter(l -> l.startsWith("created: ")).findFirst().orElseThrow().substring(9);
    }

    /** Lower layer: file, deleted, keep; upper layer: a new file, and a whiteout deleting 'deleted'. */
    void twoLayers() throws Exception {
        Path a = tmp.resolve("a");
        Files.createDirectories(a.resolve("dir"));
        Files.writeString(a.resolve("file"), "lower\n");
        Files.writeString(a.resolve("deleted"), "to be deleted\n");
        Files.writeString(a.resolve("dir/keep"), "kept\n");
        commit(a, "test/lower");
        Path b = tmp.resolve("b");
        Files.createDirectories(b);
        Files.writeString(b.resolve("file"), "upper\n");
        Process mknod = new ProcessBuilder("mknod", b.resolve("deleted").toString(), "c", "0", "0").start();
        assertEquals(0, RuntimeHarness.finish(mknod, "mknod"), "a whiteout (char 0/0) marks a deletion in a committed directory");
        commit(b, "test/upper");
    }

    @Test
    void upperLayerOverridesAndDeletesAndOnlyTheRuntimeSeesIt() throws Exception {
        twoLayers();
        Path ready = tmp.resolve("ready");
        Path stop = tmp.resolve("stop");
        Path seen = tmp.resolve("seen");
        String script = "cat /spfs/file > " + seen + "; ls /spfs >> " + seen + "; cat /spfs/dir/keep >> " + seen
                + "; touch " + ready + "; while [ ! -e " + stop + " ]; do sleep 0.05; done";
        Process p = h.builder("run", "test/lower+test/upper", "--", "sh", "-c", script)
                .redirectOutput(tmp.resolve("p.out").toFile()).redirectErrorStream(true).start();
        try {
            assertTrue(RuntimeHarness.await(ready), () -> "the runtime started: " + RuntimeHarness.readOr(tmp.resolve("p.out")));
            assertEquals("upper\ndir\nfile\nkept\n", Files.readString(seen),
                    "the upper layer's file wins, its mask hides 'deleted', the lower layer's other files show");
            // a process outside the runtime: no overlay on /spfs, none of the runtime's files
            assertFalse(Files.exists(Path.of("/spfs/file")), "the host's /spfs is untouched");
            assertFalse(RuntimeHarness.hostMountsMention(" /spfs "), "no /spfs mount in the host's namespace");
            RuntimeData rt = h.runtimes().get(0);
            assertNotEquals(ProcessTable.scan().namespaces().get(ProcessHandle.current().pid()),
                    rt.config().mountNamespace().orElseThrow(), "the runtime has its own mount namespace");
        } finally {
            Files.createFile(stop);
            RuntimeHarness.finish(p, "the runtime");
        }
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("p.out")));
    }

    @Test
    void twoRuntimesAtOnceSeeTheirOwnStacks() throws Exception {
        twoLayers();
        Path stop = tmp.resolve("stop");
        Process[] ps = new Process[2];
        String[] stacks = {"test/lower", "test/lower+test/upper"};
        for (int i = 0; i < 2; i++) {
            Path seen = tmp.resolve("seen" + i);
            // both wait until both are up (or the test stops them, should the other not start)
            String script = "touch " + tmp.resolve("up" + i) + "; while { [ ! -e " + tmp.resolve("up0") + " ] || [ ! -e "
                    + tmp.resolve("up1") + " ]; } && [ ! -e " + stop + " ]; do sleep 0.05; done; cat /spfs/file > " + seen
                    + ".tmp; ls /spfs >> "
                    + seen + ".tmp; mv " + seen + ".tmp " + seen + "; while [ ! -e " + stop + " ]; do sleep 0.05; done";
            ps[i] = h.builder("run", stacks[i], "--", "sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("p" + i + ".out").toFile()).start();
        }
        try {
            assertTrue(RuntimeHarness.await(tmp.resolve("seen0")) && RuntimeHarness.await(tmp.resolve("seen1")),
                    () -> "both runtimes started: " + RuntimeHarness.readOr(tmp.resolve("p0.out")) + "\n"
                            + RuntimeHarness.readOr(tmp.resolve("p1.out")));
            assertEquals("lower\ndeleted\ndir\nfile\n", Files.readString(tmp.resolve("seen0")));
            assertEquals("upper\ndir\nfile\n", Files.readString(tmp.resolve("seen1")));
            assertEquals(2, h.runtimes().size(), "both runtimes are listed while they run");
            RuntimeHarness.Result list = h.run("runtime", "list");
            assertEquals(2, list.out().lines().filter(l -> l.contains("status=running")).count(), list.toString());
        } finally {
            Files.createFile(stop);
            for (Process p : ps) {
                RuntimeHarness.finish(p, "a runtime");
            }
        }
        assertTrue(h.awaitNoRuntimes(), "both runtimes are torn down");
    }

    @Test
    void editWriteCommitThenANewRuntimeSeesTheLayer() throws Exception {
        RuntimeHarness.Result edit = h.run("run", "-", "--", "sh", "-c",
                "set -e; mkdir /spfs/made; echo content > /spfs/made/new; ln -s made/new /spfs/link;"
                        + " spfs diff; spfs commit layer -t test/edited; spfs info");
        assertEquals(0, edit.exit(), edit.toString());
        assertTrue(edit.out().contains("+ /made/new") && edit.out().contains("+ /link"), edit.out());
        assertTrue(edit.out().contains("No Active Changes"), "after the commit the runtime is clean: " + edit.out());
        RuntimeHarness.Result read = h.run("run", "test/edited", "--", "sh", "-c",
                "cat /spfs/made/new; readlink /spfs/link; touch /spfs/x 2>/dev/null && echo writable || echo read-only");
        assertEquals(0, read.exit(), read.toString());
        assertEquals("content\nmade/new\nread-only\n", read.out());
    }

    /**
     * Forty layers' render paths do not fit in mount(2)'s one page of options: the bottom of the
     * stack is merged into flattened manifests, and /spfs must look exactly as the stack says.
     */
    @Test
    void aStackTooLongForOneMountIsFlattenedAndStillLayeredRight() throws Exception {
        FsRepository repo = FsRepository.create(h.repo, Optional.empty());
        List<String> refs = new ArrayList<>();
        int layers = 40;
        for (int i = 0; i < layers; i++) {
            Path d = tmp.resolve("layer" + i);
            Files.createDirectories(d.resolve("own"));
            Files.writeString(d.resolve("own/f" + i), "layer " + i + "\n");
            Files.writeString(d.resolve("shared"), "from layer " + i + "\n");
            if (i == 20) {
                // layer 20 deletes layer 3's file
                assertEquals(0, RuntimeHarness.finish(new ProcessBuilder("mknod", d.resolve("own/f3").toString(), "c", "0", "0")
                        .start(), "mknod"));
            }
            Digest layer = new DirectoryCommitter(repo, ObjectFormat.DEFAULT, 2).commit(d).layer().digest();
            repo.pushTag(TagSpec.parse("flat/l" + i), layer, "test");
            refs.add("flat/l" + i);
        }
        RuntimeHarness.Result r = h.run("run", String.join("+", refs), "--", "sh", "-c",
                "cat /spfs/shared; ls /spfs/own | wc -l; cat /spfs/own/f0 /spfs/own/f39; test -e /spfs/own/f3 || echo f3 masked;"
                        + " grep ' /spfs ' /proc/self/mountinfo | grep -o '/renders/' | wc -l");
        assertEquals(0, r.exit(), r.toString());
        List<String> out = r.out().lines().toList();
        assertEquals(List.of("from layer 39", String.valueOf(layers - 1), "layer 0", "layer 39", "f3 masked"), out.subList(0, 5),
                r.toString());
        int lowerDirs = Integer.parseInt(out.get(5).trim());
        assertTrue(lowerDirs > 1 && lowerDirs < layers, "the bottom layers were merged: " + lowerDirs + " lower directories");
        assertTrue(h.awaitNoRuntimes());
    }

    @Test
    void teardownLeavesNoMountAndNoRecord() throws Exception {
        twoLayers();
        RuntimeHarness.Result r = h.run("run", "test/lower", "--", "sh", "-c",
                "echo $SPFS_RUNTIME; cat /proc/self/mountinfo | grep -c spfs-runtime");
        assertEquals(0, r.exit(), r.toString());
        String name = r.out().lines().findFirst().orElseThrow();
        assertTrue(Integer.parseInt(r.out().lines().skip(1).findFirst().orElseThrow().trim()) > 0, "mounted inside");
        assertTrue(h.awaitNoRuntimes(), "the monitor removed the record of " + name);
        assertFalse(RuntimeHarness.hostMountsMention("spfs-runtime"), "no runtime mount on the host");
        assertFalse(RuntimeHarness.hostMountsMention(" /spfs "), "no /spfs mount on the host");
        assertFalse(ProcessTable.scan().namespaces().keySet().stream()
                .anyMatch(pid -> ProcessHandle.of(pid).flatMap(ph -> ph.info().commandLine())
                        .map(c -> c.contains("monitor --runtime " + name)).orElse(false)), "the monitor has exited");
    }

    @Test
    void fuseServesTheSameBytesAsTheOverlay() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "the kernel offers no /dev/fuse");
        Path big = tmp.resolve("big");
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            Path f = big.resolve("d" + (i % 10)).resolve("f" + i + (i % 7 == 0 ? ".sh" : ".txt"));
            Files.createDirectories(f.getParent());
            byte[] b = new byte[r.nextInt(20_000)];
            r.nextBytes(b);
            Files.write(f, b);
            if (i % 7 == 0) {
                Files.setAttribute(f, "unix:mode", 0755);
            }
        }
        Files.createSymbolicLink(big.resolve("link"), Path.of("d1/f1.txt"));
        commit(big, "test/big");
        // directory sizes are the file system's business (tmpfs, ext4, FUSE differ); everything else must match
        String listing = "cd /spfs && find . -type d -printf '%p %m\\n' | sort && find . ! -type d -printf '%p %y %m %s %l\\n'"
                + " | sort && find . -type f | sort | xargs sha256sum";
        RuntimeHarness.Result overlay = h.run("run", "test/big", "--", "sh", "-c", listing);
        assertEquals(0, overlay.exit(), overlay.toString());
        for (String backend : List.of("FuseOnly", "OverlayFsWithFuse")) {
            ProcessBuilder pb = h.builder("run", "test/big", "--", "sh", "-c", listing + "; grep -c ' - fuse' /proc/self/mountinfo >&2");
            pb.environment().put("SPFS_FILESYSTEM__BACKEND", backend);
            RuntimeHarness.Result fuse = h.run(pb);
            assertEquals(0, fuse.exit(), fuse.toString());
            assertEquals("1", fuse.err().trim(), backend + " serves through FUSE");
            assertEquals(1002, overlay.out().lines().filter(l -> l.contains(" f ")).count() + 1
                    + overlay.out().lines().filter(l -> l.contains(" l ")).count(), "1,000 files and a link");
            assertEquals(overlay.out(), fuse.out(), backend + " shows the same names, modes, sizes and bytes");
        }
        assertTrue(h.awaitNoRuntimes());
    }

    /** The record of a FUSE runtime names its monitor (which serves the view) while it runs. */
    @Test
    void fuseRuntimesRecordTheirMonitor() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "the kernel offers no /dev/fuse");
        Path d = tmp.resolve("small");
        Files.createDirectories(d);
        Files.writeString(d.resolve("f"), "x\n");
        commit(d, "test/small");
        for (String backend : List.of("FuseOnly", "OverlayFsWithFuse", "OverlayFsWithRenders")) {
            Path ready = tmp.resolve("ready-" + backend);
            Path stop = tmp.resolve("stop-" + backend);
            String name = "monitored-" + backend.toLowerCase(java.util.Locale.ROOT);
            ProcessBuilder pb = h.builder("run", "--runtime-name", name, "test/small", "--", "sh", "-c",
                    "touch " + ready + "; while [ ! -e " + stop + " ]; do sleep 0.05; done");
            pb.environment().put("SPFS_FILESYSTEM__BACKEND", backend);
            Path out = tmp.resolve(name + ".out");
            Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                assertTrue(RuntimeHarness.await(ready), () -> backend + " started: " + RuntimeHarness.readOr(out));
                // an overlay runtime's monitor starts beside the command, a FUSE one before it
                RuntimeData rt = RuntimeHarness.await(() -> h.storage().read(name),
                        r -> r.status().monitor().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false));
                assertTrue(rt != null && rt.status().monitor().isPresent(), backend + ": " + rt);
            } finally {
                Files.createFile(stop);
                assertEquals(0, RuntimeHarness.finish(p, backend + " runtime"), () -> RuntimeHarness.readOr(out));
            }
        }
        assertTrue(h.awaitNoRuntimes());
    }

    @Test
    void badInputIsOneClearLineAndLeavesNothing() throws Exception {
        RuntimeHarness.Result missing = h.run("run", "no/such-tag", "--", "true");
        assertEquals(1, missing.exit(), missing.toString());
        assertEquals("error: unknown reference 'no/such-tag'\n", missing.err());
        RuntimeHarness.Result notFound = h.run("run", "-", "--", "no-such-command-xyz", "arg");
        assertEquals(127, notFound.exit(), notFound.toString());
        assertEquals("spfs: command not found: no-such-command-xyz\n", notFound.err());
        RuntimeHarness.Result noCommand = h.run("run", "-");
        assertEquals(2, noCommand.exit(), noCommand.toString());
        assertTrue(noCommand.err().startsWith("error: spfs run needs a command"), noCommand.err());
        assertTrue(h.awaitNoRuntimes(), "no runtime record is left behind");
        assertFalse(RuntimeHarness.hostMountsMention(" /spfs "));
        assertFalse(RuntimeHarness.hostMountsMention("spfs-runtime"));
    }

    /**
     * The record is written on another thread while the runtime is mounted: a mount that fails
     * meanwhile (here the tmpfs, refused an impossible size) must still find it written, and
     * remove it, before the command exits; a write landing after the removal would leave a
     * runtime that no monitor ever cleans up.
     */
    @Test
    void aRuntimeThatCannotBeMountedLeavesNoRecord() throws Exception {
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = h.builder("run", "-", "--", "true");
            pb.environment().put("SPFS_FILESYSTEM__TMPFS_SIZE", "not-a-size");
            RuntimeHarness.Result r = h.run(pb);
            assertEquals(3, r.exit(), r.toString());
            assertEquals("error: cannot mount the runtime's tmpfs on /tmp/spfs-runtime: Invalid argument (EINVAL)\n",
                    r.err());
            assertEquals(List.of(), h.runtimes(), "the record is gone once the command has failed");
        }
        assertFalse(RuntimeHarness.hostMountsMention("spfs-runtime"));
    }

    @Test
    void aDurableRuntimeInUseIsBusyAndCanBeRerunLater() throws Exception {
        Path stop = tmp.resolve("stop");
        Path ready = tmp.resolve("ready");
        Process first = h.builder("run", "--keep-runtime", "--runtime-name", "kept", "-", "--", "sh", "-c",
                "echo saved > /spfs/note; touch " + ready + "; while [ ! -e " + stop + " ]; do sleep 0.05; done")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("first.out").toFile()).start();
        try {
            assertTrue(RuntimeHarness.await(ready),
                    () -> "the durable runtime started: " + RuntimeHarness.readOr(tmp.resolve("first.out")));
            RuntimeHarness.Result busy = h.run("run", "--rerun", "kept", "--", "true");
            assertEquals(3, busy.exit(), busy.toString());
            assertTrue(busy.err().startsWith("error: runtime kept is in use by process "), busy.err());
            RuntimeHarness.Result join = h.run("join", "kept", "--", "cat", "/spfs/note");
            assertEquals(0, join.exit(), join.toString());
            assertEquals("saved\n", join.out(), "join enters the running runtime's namespace");
            assertEquals(0700, (Integer) Files.getAttribute(h.repo.resolve("durable_edits/kept"), "unix:mode") & 0777,
                    "a durable runtime's upper directory lives in a folder only its owner may enter");
        } finally {
            Files.createFile(stop);
            RuntimeHarness.finish(first, "the durable runtime");
        }
        // the monitor releases a durable runtime instead of removing it
        RuntimeData kept = h.awaitReleased("kept");
        assertTrue(kept != null && kept.config().durable() && kept.status().owner().isEmpty() && !kept.status().running());
        RuntimeHarness.Result again = h.run("run", "--rerun", "kept", "--", "cat", "/spfs/note");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("saved\n", again.out(), "the kept changes are there on a rerun");
        assertTrue(h.awaitReleased("kept").status().owner().isEmpty());
        RuntimeHarness.Result rm = h.run("runtime", "rm", "kept");
        assertEquals(0, rm.exit(), rm.toString());
        assertFalse(Files.exists(h.repo.resolve("durable_edits/kept")), "its upper directory is gone too");
        assertTrue(h.runtimes().isEmpty());
    }

    /** A durable runtime's folder that another user made (to plant files in /spfs) is refused, not mounted. */
    @Test
    void aDurableFolderMadeByAnotherUserIsRefused() throws Exception {
        Path base = tmp.resolve("base");
        Files.createDirectories(base);
        Files.writeString(base.resolve("file"), "base\n");
        commit(base, "base");
        Path planted = h.repo.resolve("durable_edits/planted");
        Files.createDirectories(planted.resolve("upper"));
        Files.writeString(planted.resolve("upper/evil"), "planted\n");
        for (Path p : List.of(planted, planted.resolve("upper"), planted.resolve("upper/evil"))) {
            Files.setAttribute(p, "unix:uid", 65534);
        }
        RuntimeHarness.Result r = h.run("run", "--keep-runtime", "--runtime-name", "planted", "base", "--", "cat", "/spfs/evil");
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("is not a directory of this user"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void noPermissionIsAClearErrorAndLeavesNothing() throws Exception {
        ProcessBuilder pb = h.nobody("run", "-", "--", "true");
        Path locked = tmp.resolve("locked");
        Files.createDirectories(locked);
        Files.setAttribute(locked, "unix:mode", 0700);
        pb.environment().put("SPFS_STORAGE__ROOT", locked.resolve("repo").toString());
        RuntimeHarness.Result r = h.run(pb);
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("ermission denied"), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace");
        assertFalse(Files.exists(locked.resolve("repo")));
    }

    /**
     * New tags name their author user@host, the host as the kernel has it: a name no resolver
     * knows (".invalid" never resolves) is still this host's (a lookup made every command ask a
     * resolver, and here fell back to "localhost").
     */
    @Test
    void aHostWhoseNameDoesNotResolveStillNamesItself() throws Exception {
        String name = "jspk-host-" + new Random().nextInt(1_000_000) + ".invalid";
        ProcessBuilder config = h.builder("config");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c", "hostname \"$0\" && exec \"$@\"", name));
        cmd.addAll(config.command());
        RuntimeHarness.Result r = h.run(config.command(cmd));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"domain\" : \"" + name + "\""), r.out());
    }

    @Test
    void withoutRootAUserNamespaceIsUsed() throws Exception {
        RuntimeHarness.Result probe = h.run(new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "unshare", "--user", "--map-root-user", "--mount", "true"));
        assumeTrue(probe.exit() == 0, "the kernel does not let unprivileged users make user namespaces: " + probe.err());
        // as spfs documents for unprivileged use: /spfs is made once by root
        assertEquals(0, h.run("run", "-", "--", "true").exit(), "a root runtime creates /spfs");
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("f"), "rootless\n");
        Path repo = tmp.resolve("nobody-repo");
        ProcessBuilder commit = h.nobody("commit", "--path", src.toString(), "-t", "n/a");
        commit.environment().put("SPFS_STORAGE__ROOT", repo.toString());
        RuntimeHarness.Result committed = h.run(commit);
        assertEquals(0, committed.exit(), committed.toString());
        ProcessBuilder run = h.nobody("run", "--edit", "n/a", "--", "sh", "-c",
                "cat /spfs/f; echo x > /spfs/g; cat /spfs/g; grep -c userxattr /proc/self/mountinfo");
        run.environment().put("SPFS_STORAGE__ROOT", repo.toString());
        RuntimeHarness.Result r = h.run(run);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("rootless\nx\n1\n", r.out(), "a writable overlay with the rootless options");

        // spfs join, unprivileged: into the runtime's user and mount namespaces (nsenter)
        Path ready = tmp.resolve("rootless-ready");
        Path stop = tmp.resolve("rootless-stop");
        ProcessBuilder holder = h.nobody("run", "--edit", "--runtime-name", "rootless-one", "n/a", "--", "sh", "-c",
                "echo joined > /spfs/g; touch " + ready + "; while [ ! -e " + stop + " ]; do sleep 0.05; done");
        holder.environment().put("SPFS_STORAGE__ROOT", repo.toString());
        // the monitor's own errors into holder.out: once in several loaded runs this runtime was
        // left behind with no monitor recorded, and the monitor's stderr is otherwise discarded
        holder.environment().put("SPFS_MONITOR_FOREGROUND_LOGGING", "1");
        Process p = holder.redirectErrorStream(true).redirectOutput(tmp.resolve("holder.out").toFile()).start();
        try {
            assertTrue(RuntimeHarness.await(ready), () -> "the rootless runtime started: " + RuntimeHarness.readOr(tmp.resolve("holder.out")));
            ProcessBuilder join = h.nobody("join", "rootless-one", "--", "cat", "/spfs/g", "/spfs/f");
            join.environment().put("SPFS_STORAGE__ROOT", repo.toString());
            RuntimeHarness.Result joined = h.run(join);
            assertEquals(0, joined.exit(), joined.toString());
            assertEquals("joined\nrootless\n", joined.out(), "the joiner sees the runtime's /spfs");
        } finally {
            Files.writeString(stop, "");
            RuntimeHarness.finish(p, "the rootless runtime");
        }
        // the monitors remove their records from the repository after their commands have
        // exited: wait for that, or the temporary folder is removed while they still write there
        assertTrue(RuntimeHarness.awaitNoRuntimes(repo), () -> "the rootless runtimes were not torn down: "
                + RuntimeHarness.runtimes(repo).stream().map(rt -> rt.name() + " " + rt.status()).toList()
                + "; the holder and its monitor said: " + RuntimeHarness.readOr(tmp.resolve("holder.out")));
    }
}
