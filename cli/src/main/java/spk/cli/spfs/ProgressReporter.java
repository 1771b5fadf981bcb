package spk.cli.spfs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spfs.sync.SyncReporter;

/**
 * A terminal progress bar for syncs (payload count), drawn on standard error once there is
 * something to copy, so a sync that finds everything present draws nothing. Used by spfs push and
 * pull, spk publish and spk env.
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
        return new ProgressReporter(task, System.console() != null);
    }

    @Override
    public synchronized void payloadsPlanned(long count, long bytes) {
        if (!terminal || closed || count == 0) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(0).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).continuousUpdate()
                    .build();
        }
        planned += count;
        bar.maxHint(planned);
    }

    @Override
    public synchronized void payloadDone(long bytes) {
        if (bar != null && !closed) {
            bar.step();
        }
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
