package spfs.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import spfs.mount.Linux;

class ProcessTableTest {
    /**
     * A launcher is in its runtime's namespace on one thread only until it execs; the monitor
     * must see it there, or it tears the runtime down before the command starts.
     */
    @Test
    void aProcessWithOneThreadInANamespaceIsSeenThereOnlyThroughItsThreads() throws Exception {
        Linux linux = Linux.load();
        assumeTrue(linux.euid() == 0, "unshare(CLONE_NEWNS) needs root (CI runs as root)");
        AtomicReference<String> ns = new AtomicReference<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            linux.unshareMountNamespace();
            ns.set(Linux.mountNamespaceOf("thread-self"));
            entered.countDown();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertTrue(entered.await(30, TimeUnit.SECONDS));
        try {
            long pid = ProcessHandle.current().pid();
            assertNotNull(ns.get());
            assertNotEquals(Linux.mountNamespaceOf("self"), ns.get(), "the thread has a namespace of its own");
            assertFalse(ProcessTable.scan().anyIn(ns.get(), -1), "/proc/PID/ns/mnt shows the first thread's only");
            assertTrue(ProcessTable.anyThreadIn(pid, ns.get()), "one of our threads is in it");
        } finally {
            done.countDown();
            t.join();
        }
        // join() returns when the Java thread is done; the kernel drops its task a moment later
        boolean stillThere = true;
        for (int i = 0; i < 200 && stillThere; i++) {
            stillThere = ProcessTable.anyThreadIn(ProcessHandle.current().pid(), ns.get());
            if (stillThere) {
                Thread.sleep(10);
            }
        }
        assertFalse(stillThere, "not once that thread has ended");
    }
}
