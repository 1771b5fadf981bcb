package spk.cli.spfs;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.ExitCodes;
import spk.cli.app.GlobalOptions;
import spk.cli.app.Subcommands;

/** The root of the {@code spfs} command line; each subcommand is its own class. */
@Subcommands({SpfsVersionCommand.class, spk.cli.app.CompletionCommand.class, InitCommand.class, CommitCommand.class, TagCommand.class,
            UntagCommand.class, LogCommand.class, TagsCommand.class, LsTagsCommand.class, LsCommand.class,
            ReadCommand.class, WriteCommand.class, InfoCommand.class, DiffCommand.class, LayersCommand.class,
            PlatformsCommand.class, SearchCommand.class, RenderCommand.class, PushCommand.class, PullCommand.class,
            CheckCommand.class, CleanCommand.class, ConfigCommand.class, RunCommand.class, ShellCommand.class,
            EnterCommand.class, JoinCommand.class, EditCommand.class, ResetCommand.class, RuntimeCommand.class,
            MonitorCommand.class, ServerCommand.class, CommandLine.HelpCommand.class})
@Command(name = "spfs", mixinStandardHelpOptions = true, versionProvider = SpfsVersionCommand.Provider.class,
        description = "A content-addressed, per-process layered filesystem.")
public final class SpfsCommand implements Callable<Integer>, GlobalOptions.Root, EarlyLibc, spk.cli.app.PlainCommand {
    /** The commands that enter a runtime, for which {@code main} starts binding libc at once. */
    public static final java.util.Set<String> ENTERING = java.util.Set.of("run", "shell", "enter", "join");

    private final Map<String, String> environment;
    private final java.util.Optional<spfs.mount.Linux> earlyLibc;

    /** Reads configuration from the process environment. */
    public SpfsCommand() {
        this(System.getenv());
    }

    /** Reads configuration from {@code environment} instead (tests). */
    public SpfsCommand(Map<String, String> environment) {
        this(environment, java.util.Optional.empty());
    }

    /** As {@link #SpfsCommand()}, with libc being bound already ({@link EarlyLibc}). */
    public SpfsCommand(java.util.Optional<spfs.mount.Linux> earlyLibc) {
        this(System.getenv(), earlyLibc);
    }

    private SpfsCommand(Map<String, String> environment, java.util.Optional<spfs.mount.Linux> earlyLibc) {
        this.environment = Map.copyOf(environment);
        this.earlyLibc = earlyLibc;
    }

    @Override
    public java.util.Optional<spfs.mount.Linux> earlyLibc() {
        return earlyLibc;
    }

    /** The environment variables configuration is read from. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Made here, not by picocli: {@link spk.cli.app.Cli} may build the root from its index without reflection. */
    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Spec
    CommandSpec spec;

    @Override
    public void useSpec(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public GlobalOptions globalOptions() {
        return global;
    }

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }
}
