package spfs.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spfs.graph.ObjectFormat;
import spfs.mount.MountBackend;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;
import spfs.storage.fs.FsRepository;

/** What {@code spfs runtime list} and {@code prune --stale} make of a record's pids. */
class RuntimeStateTest {
    // pids above any pid_max, so that no process of this host answers for them through /proc
    static final long OWNER = 900_000_001L;
    static final long MONITOR = 900_000_002L;
    static final String NS = "mnt:[4026530001]";

    @TempDir
    Path tmp;

    RuntimeData record() {
        RuntimeStorage s = new RuntimeStorage(FsRepository.create(tmp.resolve("repo"), Optional.empty()), ObjectFormat.DEFAULT, "t@h");
        RuntimeData rt = s.create(Optional.of("rt"), false, MountBackend.RENDERS, Optional.empty());
        return rt.withStatus(rt.status().withOwner(Optional.of(OWNER)).withMonitor(Optional.of(MONITOR)).withRunning(true))
                .withConfig(rt.config().withMountNamespace(Optional.of(NS)));
    }

    @Test
    void ownerAndMonitorInTheRuntimesNamespaceKeepItRunning() {
        ProcessTable table = new ProcessTable(Map.of(OWNER, NS, MONITOR, NS));
        assertEquals("running", RuntimeState.of(record(), table));
        assertFalse(RuntimeState.isStale(record(), table));
    }

    @Test
    void pidsTheKernelHasGivenToOtherProcessesDoNotKeepARuntimeAlive() {
        // the runtime's processes are gone; its owner's and monitor's pids wrapped round to strangers
        ProcessTable table = new ProcessTable(Map.of(OWNER, "mnt:[4026531841]", MONITOR, "mnt:[4026531841]"));
        assertEquals("stopped", RuntimeState.of(record(), table));
        assertTrue(RuntimeState.isStale(record(), table));
    }

    @Test
    void aPidWhoseNamespaceCannotBeReadCountsAsAlive() {
        // another user's process, say: /proc/PID exists but its ns link is not ours to read
        assertTrue(new ProcessTable(Map.of()).isAliveIn(ProcessHandle.current().pid(), Optional.of(NS)));
        assertFalse(new ProcessTable(Map.of()).isAliveIn(OWNER, Optional.of(NS)));
    }
}
