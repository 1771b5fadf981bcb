package spfs.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {
    /** The work's own failure reaches the caller unwrapped: its message is what the user sees. */
    @Test
    void joinThrowsTheWorksOwnFailure() {
        IllegalArgumentException failure = new IllegalArgumentException("cannot mount");
        BackgroundTask<Void> task = BackgroundTask.start("test-failing", () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalArgumentException.class, task::join));
        task.joinQuietly();
    }

    /** An interrupted caller still waits for the result, and keeps its interrupt for later. */
    @Test
    void anInterruptedCallerWaitsForTheResultAndKeepsItsInterrupt() {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundTask<String> task = BackgroundTask.start("test-slow", () -> {
            release.await();
            return "done";
        });
        Thread caller = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            // only once the caller waits, interrupted: then let the work finish
            while (caller.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            caller.interrupt();
            release.countDown();
        });
        releaser.start();
        try {
            assertEquals("done", task.join());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void runNowHasItsResultAtOnce() {
        assertEquals(42, BackgroundTask.runNow(() -> 42).join());
    }
}
