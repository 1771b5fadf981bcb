package spk.spec.problem;

import java.util.List;
import java.util.stream.Collectors;
import spk.error.SpkException;

/** A spec file could not be loaded; carries every problem found, each with its location. */
public final class SpecException extends SpkException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public SpecException(List<Problem> problems) {
        // one line per error, without the severity: the command line says "error: " once, in front
        super("invalid-spec", problems.stream().filter(p -> p.isError() || problems.stream().noneMatch(Problem::isError))
                .map(p -> p.location() + ": " + p.describe()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public SpecException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public Kind kind() {
        return Kind.BAD_INPUT;
    }
}
