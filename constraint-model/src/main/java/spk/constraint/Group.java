package spk.constraint;

/**
 * A named set of constraints that stand or fall together, such as "the command line asks for
 * python/3" or "my-plugin/1.1.0 needs maya/2020". Explanations are minimal sets of groups.
 * {@code id} is the group's selector variable: the group's clauses only hold while it is true.
 */
public record Group(int id, Kind kind, String description) {
    /** What a group stands for, so explanations can order and word them. */
    public enum Kind {
        /** A request given by the user (command line, request file). */
        REQUEST,
        /** An option given by the user. */
        OPTION,
        /** A requirement of one candidate (active only when the candidate is chosen). */
        REQUIREMENT,
        /** Anything else that may be relaxed to explain a conflict. */
        OTHER
    }

    @Override
    public String toString() {
        return description;
    }
}
