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

    /** Where and what, with the severity ({@code f.yaml:3:5: error: build: ...}), as lint lists problems. */
    @Override
    public String toString() {
        return location + ": " + severity + ": " + describe();
    }

    /** The field and message alone, for a caller that states the severity itself. */
    public String describe() {
        return (field.isEmpty() ? "" : field + ": ") + message;
    }
}
