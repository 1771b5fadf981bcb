package spk.cli.spfs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spfs.sync.SyncReporter;

/** A terminal progress bar for syncs (payload count), drawn on standard error. */
public final class ProgressReporter implements SyncReporter, AutoCloseable {
    private final ProgressBar bar;
    private final java.util.concurrent.atomic.AtomicLong planned = new java.util.concurrent.atomic.AtomicLong();

    private ProgressReporter(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar when standard error is a terminal, else a reporter that says nothing. */
    public static ProgressReporter forTerminal(String task) {
        if (!spk.cli.app.Terminal.isInteractive()) {
            return new ProgressReporter(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
        return new ProgressReporter(bar);
    }

    @Override
    public void payloadsPlanned(long count, long bytes) {
        if (bar != null) {
            bar.maxHint(planned.addAndGet(count));
        }
    }

    @Override
    public void payloadDone(long bytes) {
        if (bar != null) {
            bar.step();
        }
    }

    private boolean closed;

    /** Draws the final state now, before a summary is printed. */
    public void finish() {
        close();
    }

    @Override
    public synchronized void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.close();
        }
    }
}
