package spk.cli.spk;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import spk.builder.BuildProgress;
import spk.cli.app.Terminal;

/**
 * The steps of a build or test run as a progress bar on standard error, drawn only on a
 * terminal. Each state is drawn once, as a line of its own: a build script prints between steps,
 * and a bar redrawn in place would be torn by (or tear) its output.
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
        return new TerminalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new DelegatingProgressBarConsumer(new Lines(), width()))
                // drawn when told (refresh), not by the bar's own timer
                .setUpdateIntervalMillis(Integer.MAX_VALUE).hideEta().build());
    }

    private static int width() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** Prints each new state of the bar on a line of its own. */
    private static final class Lines implements java.util.function.Consumer<String> {
        private String last;

        @Override
        public synchronized void accept(String rendered) {
            if (!rendered.equals(last)) {
                last = rendered;
                System.err.println(rendered.stripTrailing());
                System.err.flush();
            }
        }
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
