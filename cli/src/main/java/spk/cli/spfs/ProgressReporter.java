package spk.cli.spfs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spfs.sync.SyncReporter;

/**
 * A terminal progress bar, drawn on standard error: of a sync (payloads copied), or of any count
 * of steps (builds removed). Quiet when not on a terminal.
 */
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
            // a payload found on the way (a spec blob a tag points at) was never planned: count it in
            planned.updateAndGet(p -> Math.max(p, bar.getCurrent() + 1));
            bar.maxHint(planned.get());
            bar.step();
        }
    }

    /** {@code count} more steps to come. */
    public void planned(long count) {
        payloadsPlanned(count, 0);
    }

    /** One step done. */
    public void step() {
        payloadDone(0);
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
