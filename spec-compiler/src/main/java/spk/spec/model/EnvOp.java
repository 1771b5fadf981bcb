package spk.spec.model;

/** One {@code install.environment} operation; one key selects the kind. */
public sealed interface EnvOp {
    /** {@code priority: N}: the startup file name prefix; at most one per package. */
    record Priority(int priority) implements EnvOp {}

    /** {@code comment: text}. */
    record Comment(String comment) implements EnvOp {}

    /** {@code set: VAR, value: v}. */
    record Set(String set, String value) implements EnvOp {}

    /** {@code append: VAR, value: v, separator: ':'}. */
    record Append(String append, String value, String separator) implements EnvOp {}

    /** {@code prepend: VAR, value: v, separator: ':'}. */
    record Prepend(String prepend, String value, String separator) implements EnvOp {}

    /** The default separator for append and prepend. */
    String DEFAULT_SEPARATOR = ":";
}
