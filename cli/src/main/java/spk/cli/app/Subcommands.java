package spk.cli.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The subcommands of a root command, which {@link Cli} builds only when the command line names
 * them: picocli's model of a command (reflection over its options, mixins and converters) costs
 * start-up time, and every run uses one subcommand of the thirty or so a root has. Listed here
 * rather than in {@code @Command(subcommands = ...)}, which picocli would build eagerly.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Subcommands {
    /** The subcommand classes, each annotated with picocli's {@code @Command}, in usage order. */
    Class<?>[] value();
}
