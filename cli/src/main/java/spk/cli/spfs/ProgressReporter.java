package spk.cli.spfs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spfs.sync.SyncReporter;

/**
 * A terminal progress bar, drawn on standard error: of a sync (payloads copied), or of any count
 * of steps (builds removed). It is drawn once there is something to do, so a sync that finds
 * everything present draws nothing; quiet when not on a terminal.
 */
public final class ProgressReporter implements SyncReporter, AutoCloseable {
    private final String task;
    private final boolean terminal;
    private ProgressBar bar;
    private long planned;
    private boolean closed;

    private ProgressReporter(String task, boolean terminal) {
        this.task = task;
        this.terminal = terminal;
    }

    /** A bar when standard error is a terminal, else a reporter that says nothing. */
    public static ProgressReporter forTerminal(String task) {
        return new ProgressReporter(task, spk.cli.app.Terminal.isInteractive());
    }

    private ProgressBar bar() {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).continuousUpdate()
                    .build();
        }
        return bar;
    }

    @Override
    public synchronized void payloadsPlanned(long count, long bytes) {
        if (!terminal || closed || count == 0) {
            return;
        }
        planned += count;
        bar().maxHint(planned);
    }

    @Override
    public synchronized void payloadDone(long bytes) {
        if (!terminal || closed) {
            return;
        }
        ProgressBar b = bar();
        // a payload found on the way (a spec blob a tag points at) was never planned: count it in
        planned = Math.max(planned, b.getCurrent() + 1);
        b.maxHint(planned);
        b.step();
    }

    /** {@code count} more steps to come. */
    public void planned(long count) {
        payloadsPlanned(count, 0);
    }

    /** One step done. */
    public void step() {
        payloadDone(0);
    }

    /** Draws the final state now, before a summary is printed. */
    public void finish() {
        close();
    }

    @Override
    public synchronized void close() {
        if (bar != null && !closed) {
            bar.close();
        }
        closed = true;
    }
}
