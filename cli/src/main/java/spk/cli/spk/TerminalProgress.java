package spk.cli.spk;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spk.builder.BuildProgress;
import spk.cli.app.Terminal;

/**
 * The steps of a build or test run as a progress bar on standard error, drawn only on a
 * terminal. It is redrawn at each step, never while a script runs, so a script's own output
 * is not overwritten.
 */
final class TerminalProgress implements BuildProgress, AutoCloseable {
    private final ProgressBar bar;
    private boolean closed;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param steps how many steps are expected (a hint; the bar grows when there are more) */
    static TerminalProgress forTerminal(String task, long steps) {
        if (!Terminal.isInteractive()) {
            return new TerminalProgress(null);
        }
        // drawn only when told (refresh), never by the bar's own timer in the middle of a script's output
        return new TerminalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(Integer.MAX_VALUE).hideEta().build());
    }

    @Override
    public synchronized void step(String what) {
        if (bar != null && !closed) {
            if (bar.getCurrent() >= bar.getMax()) {
                bar.maxHint(bar.getCurrent() + 1);
            }
            bar.setExtraMessage(" " + what);
            bar.step();
            bar.refresh();
            // the next output (a script's, a message) starts on its own line
            System.err.println();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null && !closed) {
            closed = true;
            bar.stepTo(bar.getMax());
            bar.setExtraMessage(" done");
            bar.close();
        }
    }
}
