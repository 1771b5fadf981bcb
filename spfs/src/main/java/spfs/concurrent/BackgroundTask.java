package spfs.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One piece of work started on a daemon thread of its own, for a caller that goes on meanwhile
 * and needs the result before it can go further (libc bound, a record written): {@link #join}
 * waits however long it takes, even when interrupted, and rethrows the work's own failure.
 */
public final class BackgroundTask<T> {
    private final FutureTask<T> task;

    private BackgroundTask(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} on a new daemon thread named {@code name}. */
    public static <T> BackgroundTask<T> start(String name, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return new BackgroundTask<>(task);
    }

    /** Runs {@code work} on the calling thread, for a caller that wants it done at once. */
    public static <T> BackgroundTask<T> runNow(Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        task.run();
        return new BackgroundTask<>(task);
    }

    /**
     * The work's result, once it is done. An interrupt does not cut the wait short (the caller
     * cannot go on without the result): it is kept for whatever the caller does next. The work's
     * unchecked exception or error is thrown as it is.
     */
    public T join() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for the work whatever its outcome, for a caller already reporting another failure. */
    public void joinQuietly() {
        try {
            join();
        } catch (RuntimeException | Error ignored) {
            // the caller's own failure is what the user needs to see
        }
    }
}
