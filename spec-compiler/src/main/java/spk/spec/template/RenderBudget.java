package spk.spec.template;

/**
 * What one template render may spend: template nodes evaluated and time. Jinjava bounds output
 * and string sizes itself, but not loops: {@code {% for i in range(30) %}{% set x = x + x %}}
 * would otherwise run until memory runs out.
 */
final class RenderBudget {
    private final long maxNodes;
    private final long deadline;
    private long nodes;

    RenderBudget(long maxNodes, long deadlineNanos) {
        this.maxNodes = maxNodes;
        this.deadline = deadlineNanos;
    }

    /** Called before each node renders; throws once the budget is spent. */
    void spend(int line) {
        nodes++;
        if (nodes > maxNodes) {
            throw new Exhausted("it evaluated more than " + maxNodes + " template nodes (a loop too long?)", line);
        }
        // the clock is read every few hundred nodes: cheap, and still within a few milliseconds
        if ((nodes & 255) == 0 && System.nanoTime() > deadline) {
            throw new Exhausted("it took longer than " + java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(
                    TemplateRenderer.MAX_NANOS) + " s", line);
        }
    }

    /** A render stopped for spending too much; {@code line} is where it was. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int line;

        Exhausted(String message, int line) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
