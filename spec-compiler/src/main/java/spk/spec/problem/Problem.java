package spk.spec.problem;

/**
 * One thing wrong with a spec: where, which field ({@code build.options[2].choices}), and what
 * was expected. Warnings (such as unknown keys) do not stop a spec from loading.
 */
public record Problem(Severity severity, Location location, String field, String message) {
    /** How serious a problem is. */
    public enum Severity {
        ERROR,
        WARNING;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return location + ": " + severity + ": " + (field.isEmpty() ? "" : field + ": ") + message;
    }
}
