package spk.cli.app;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A command that {@link Cli} may model without reflection, from the build's {@link CommandIndex}:
 * a root, or a subcommand with no options or parameters of its own. Reading any annotation makes
 * the JVM generate proxy classes at run time (no class-data archive holds them), which cost a
 * short command such as {@code spfs version} about a third of its start-up.
 */
public interface PlainCommand {
    /** Hands the command its model, as picocli's {@code @Spec} does on the reflective path. */
    void useSpec(CommandSpec spec);
}
