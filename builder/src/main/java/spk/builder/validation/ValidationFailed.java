package spk.builder.validation;

import java.util.List;
import spk.error.SpkException;

/** A build that breaks its validation rules: every problem found, one per line. */
public final class ValidationFailed extends SpkException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ValidationFailed(List<String> problems) {
        super("build-validation", problems.size() == 1 ? problems.get(0)
                : "the build failed validation:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public Kind kind() {
        return Kind.UNSATISFIABLE;
    }
}
