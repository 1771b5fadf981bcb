package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.monitor.ProcessTable;
import spfs.runtime.RuntimeData;

/** Runtime features in real runtimes: startup scripts, live layers, annotations, reset, listing, pruning. */
class RuntimeFeaturesTest {
    @TempDir
    Path tmp;

    RuntimeHarness h;

    @BeforeAll
    static void kernelHasOverlay() throws IOException {
        RuntimeHarness.assumeOverlayFs();
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new RuntimeHarness(tmp);
        Path d = tmp.resolve("layer/etc/spfs/startup.d");
        Files.createDirectories(d);
        Files.writeString(d.resolve("10-x.sh"), "export FROM_STARTUP=sh\n");
        Files.writeString(d.resolve("10-x.csh"), "setenv FROM_STARTUP csh\n");
        Files.writeString(tmp.resolve("layer/file"), "in the layer\n");
        RuntimeHarness.Result r = h.run("commit", "--path", tmp.resolve("layer").toString(), "-t", "test/startup");
        assertEquals(0, r.exit(), r.toString());
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void startupScriptsRunForShBashAndTcsh() throws Exception {
        // tcsh is installed by run-tests.sh: a missing one fails here rather than skip
        for (String[] c : new String[][] {{"/bin/bash", "sh"}, {"/bin/sh", "sh"}, {"/usr/bin/tcsh", "csh"}}) {
            ProcessBuilder pb = h.builder("run", "test/startup", "--", "printenv", "FROM_STARTUP", "SPFS_RUNTIME");
            pb.environment().put("SHELL", c[0]);
            RuntimeHarness.Result r = h.run(pb);
            assertEquals(0, r.exit(), c[0] + ": " + r);
            assertTrue(r.out().startsWith(c[1] + "\n") && r.out().lines().count() == 2, c[0] + ": " + r.out());
        }
        assertTrue(h.awaitNoRuntimes());
    }

    @Test
    void liveLayersRunSpecsAndAnnotations() throws Exception {
        Path live = tmp.resolve("live");
        Files.createDirectories(live.resolve("data"));
        Files.writeString(live.resolve("data/hello"), "from the host\n");
        Files.writeString(live.resolve("layer.spfs.yaml"), "api: spfs/v0/livelayer\ncontents:\n  - bind: data\n    dest: /spfs/live\n");
        Path runspec = tmp.resolve("env.spfs.yaml");
        Files.writeString(runspec, "api: spfs/v0/runspec\nlayers:\n  - test/startup\n  - " + live + "\n");
        RuntimeHarness.Result r = h.run("run", "--annotation", "note=hello world", "--annotation", "{other: 2}",
                runspec.toString(), "--", "sh", "-c",
                "cat /spfs/file /spfs/live/hello; spfs info --get note; spfs info --get-all; echo x >> /spfs/live/hello");
        assertEquals(0, r.exit(), r.toString());
        // bottom-up, as spfs looks them up: later --annotation flags are pushed first, so they come first
        assertEquals("in the layer\nfrom the host\nhello world\nother: 2\nnote: hello world\n", r.out());
        assertEquals("from the host\nx\n", Files.readString(live.resolve("data/hello")), "a live layer is the host's directory");
        RuntimeHarness.Result bad = h.run("run", tmp.resolve("nope.yaml").toString(), "--", "true");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("must end in .spfs.yaml"), bad.err());
    }

    @Test
    void resetAndEditOff() throws Exception {
        RuntimeHarness.Result r = h.run("run", "--edit", "test/startup", "--", "sh", "-c",
                "echo a > /spfs/a; echo b > /spfs/b; echo changed > /spfs/file; spfs reset a /file; ls /spfs; cat /spfs/file;"
                        + " spfs edit --off; touch /spfs/c 2>/dev/null || echo read-only; spfs edit; touch /spfs/c && echo writable;"
                        + " spfs reset; ls /spfs");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("b\netc\nfile\nin the layer\nread-only\nwritable\netc\nfile\n", r.out());
    }

    /**
     * A busy /spfs (a file held open, the shell's working directory inside it) does not stop a
     * commit or a remount: the old mount is detached, and what holds it keeps working.
     */
    @Test
    void aBusySpfsStillCommitsAndRemounts() throws Exception {
        RuntimeHarness.Result r = h.run("run", "--edit", "test/startup", "--", "sh", "-c",
                "set -e; echo mine > /spfs/new; exec 3< /spfs/file; cd /spfs/etc; spfs commit layer -t test/busy >/dev/null;"
                        + " cat <&3; ls; spfs edit --off; cat /spfs/new; spfs edit; echo more >> /spfs/new; cat /spfs/new");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("in the layer\nspfs\nmine\nmine\nmore\n", r.out());
        RuntimeHarness.Result later = h.run("run", "test/busy", "--", "cat", "/spfs/new");
        assertEquals("mine\n", later.out(), "the commit made from a busy /spfs holds the file: " + later);
    }

    /**
     * A commit made while the monitor is still starting (an interpreted, slow monitor JVM: it
     * records its pid in the runtime's record long after the command began) keeps its layer in
     * the runtime's stack: the monitor's update does not write back a record read before it.
     */
    @Test
    void aCommitRacingASlowMonitorKeepsItsLayer() throws Exception {
        for (int round = 0; round < 3; round++) {
            ProcessBuilder pb = h.builder("run", "--edit", "test/startup", "--", "sh", "-c",
                    "unset JAVA_OPTS; echo mine > /spfs/new; spfs commit layer -t test/raced >/dev/null;"
                            + " spfs edit --off; cat /spfs/new || spfs info");
            pb.environment().put("JAVA_OPTS", "-Xint");
            RuntimeHarness.Result r = h.run(pb);
            assertEquals(0, r.exit(), "round " + round + ": " + r);
            assertEquals("mine\n", r.out(), "round " + round + ": the committed layer stays mounted: " + r);
        }
        assertTrue(h.awaitNoRuntimes());
    }

    /** commit platform keeps the whole stack (the layer below and the edit) under one tag. */
    @Test
    void commitPlatformCapturesTheStackAndTheEdit() throws Exception {
        RuntimeHarness.Result r = h.run("run", "--edit", "test/startup", "--", "sh", "-c",
                "set -e; echo added > /spfs/added; spfs commit platform -t test/plat >/dev/null");
        assertEquals(0, r.exit(), r.toString());
        RuntimeHarness.Result info = h.run("info", "test/plat");
        assertTrue(info.out().toLowerCase(java.util.Locale.ROOT).contains("platform"), info.toString());
        RuntimeHarness.Result later = h.run("run", "test/plat", "--", "sh", "-c", "cat /spfs/file /spfs/added");
        assertEquals(0, later.exit(), later.toString());
        assertEquals("in the layer\nadded\n", later.out());
    }

    /** edit --keep-runtime from inside: the runtime outlives its command, and a rerun has the edits. */
    @Test
    void editKeepRuntimeMakesARunningRuntimeDurable() throws Exception {
        RuntimeHarness.Result r = h.run("run", "--runtime-name", "made-durable", "test/startup", "--", "sh", "-c",
                "set -e; spfs edit --keep-runtime; echo kept > /spfs/note; cat /spfs/note");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("kept\n", r.out());
        RuntimeData rt = h.awaitReleased("made-durable");
        assertTrue(rt != null && rt.config().durable() && rt.status().owner().isEmpty(), "kept and released: " + rt);
        RuntimeHarness.Result again = h.run("run", "--rerun", "made-durable", "--", "cat", "/spfs/note", "/spfs/file");
        assertEquals(0, again.exit(), again.toString());
        assertEquals("kept\nin the layer\n", again.out());
        assertTrue(h.awaitReleased("made-durable").status().owner().isEmpty());
        assertEquals(0, h.run("runtime", "rm", "made-durable").exit());
    }

    @Test
    void listShowsOtherProcessesRuntimesAndPruneRemovesStaleOnes() throws Exception {
        Path ready = tmp.resolve("ready");
        Process p = h.builder("run", "--runtime-name", "stale-one", "test/startup", "--", "sh", "-c",
                "touch " + ready + "; exec sleep 600").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("p.out").toFile()).start();
        assertTrue(RuntimeHarness.await(ready), () -> "the runtime started: " + RuntimeHarness.readOr(tmp.resolve("p.out")));
        RuntimeHarness.Result list = h.run("runtime", "list");
        assertTrue(list.out().startsWith("stale-one") && list.out().contains("status=running"), list.toString());
        RuntimeHarness.Result prune = h.run("runtime", "prune", "--stale");
        assertEquals("", prune.out(), "a running runtime is not stale");
        // kill its monitor first, then its process: the record stays behind, stale
        RuntimeData rt = RuntimeHarness.await(() -> h.storage().read("stale-one"), r -> r.status().monitor().isPresent());
        long monitor = rt.status().monitor().orElseThrow();
        ProcessHandle.of(monitor).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(RuntimeHarness.await(() -> ProcessHandle.of(monitor).isEmpty(), Boolean::booleanValue), "the monitor died");
        String ns = rt.config().mountNamespace().orElseThrow();
        ProcessTable.scan().namespaces().forEach((pid, n) -> {
            if (n.equals(ns)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        });
        RuntimeHarness.finish(p, "the killed runtime");
        // a kill is delivered, not waited for: the namespace empties a moment later
        long left = RuntimeHarness.await(() -> ProcessTable.scan().anyPidIn(ns), pid -> pid < 0);
        assertTrue(left < 0, () -> "still in the runtime's namespace: " + ProcessHandle.of(left)
                .map(h -> h.pid() + " " + h.info()).orElse(left + " (gone)"));
        RuntimeHarness.Result stale = h.run("runtime", "list");
        assertTrue(stale.out().contains("status=stopped") || stale.out().contains("status=zombie"), stale.toString());
        RuntimeHarness.Result pruned = h.run("runtime", "prune", "--stale");
        assertEquals("pruned: stale-one\n", pruned.out(), () -> pruned + "\nlist before: " + stale + "\nrecord now: "
                + RuntimeHarness.readOr(h.repo.resolve("tags/spfs/runtimes/meta/stale-one.tag")) + " / " + h.runtimes());
        assertTrue(h.runtimes().isEmpty());
    }
}
