package spk.spec.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects every problem found while reading one spec, so that all of them can be reported at
 * once instead of only the first.
 */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void add(Problem p) {
        found.add(p);
    }

    public void error(Location at, String field, String message) {
        add(new Problem(Problem.Severity.ERROR, at, field, message));
    }

    public void warning(Location at, String field, String message) {
        add(new Problem(Problem.Severity.WARNING, at, field, message));
    }

    /**
     * Runs one reading step; if it fails with a {@link SpecProblem}, records the problem and
     * returns null, so the caller can go on reading the other fields.
     */
    public <T> T capture(Supplier<T> step) {
        try {
            return step.get();
        } catch (SpecProblem p) {
            add(p.problem());
            return null;
        } catch (SpecException e) {
            found.addAll(e.problems());
            return null;
        }
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    /** Everything found, in file order. */
    public List<Problem> all() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(java.util.Comparator.comparingInt((Problem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return List.copyOf(sorted);
    }

    public List<Problem> errors() {
        return found.stream().filter(Problem::isError).toList();
    }

    /** Throws a {@link SpecException} with everything found if any of it is an error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new SpecException(all());
        }
    }
}
