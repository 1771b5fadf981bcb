package spfs.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LinuxBindingTest {
    /** libc bound on its own thread answers the first calls, from any thread, as a synchronous binding does. */
    @Test
    void aBackgroundBindingAnswersItsFirstCallsFromAnyThread() throws Exception {
        Linux linux = Linux.loadInBackground();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> pids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> pid = linux::pid;
                pids.add(pool.submit(pid));
            }
            for (Future<Integer> p : pids) {
                assertEquals(ProcessHandle.current().pid(), (long) p.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Linux.load().euid(), linux.euid());
    }

    /**
     * A caller interrupted while the binding is under way still gets its answer (a launch cannot
     * go on without it), and finds its interrupt kept for whatever it does next.
     */
    @Test
    void anInterruptedCallerWaitsForTheBindingAndKeepsItsInterrupt() {
        Linux linux = Linux.loadInBackground();
        Thread.currentThread().interrupt();
        try {
            assertEquals(ProcessHandle.current().pid(), linux.pid());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
        } finally {
            Thread.interrupted();
        }
    }
}
