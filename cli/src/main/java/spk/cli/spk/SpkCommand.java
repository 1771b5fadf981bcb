package spk.cli.spk;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.BuildInfo;
import spk.cli.app.ExitCodes;
import spk.cli.app.GlobalOptions;
import spk.cli.app.Subcommands;
import spk.spec.SpecLoader;

/** The root of the {@code spk} command line; each subcommand is its own class. */
@Subcommands({VersionCommand.class, ExplainCommand.class, EnvCommand.class, BuildCommand.class, MakeSourceCommand.class,
            MakeBinaryCommand.class, TestCommand.class, PublishCommand.class, LsCommand.class, LintCommand.class, NewCommand.class,
            NumVariantsCommand.class, CheckInstallableCommand.class, BenchCommand.class,
            ViewCommand.class, MakeRecipeCommand.class,
            DeprecateCommand.class, UndeprecateCommand.class, RemoveCommand.class, SearchCommand.class, DuCommand.class,
            StatsCommand.class, ExportCommand.class, ImportCommand.class, InstallCommand.class, BakeCommand.class,
            RenderCommand.class, RepoCommand.class, spk.cli.app.CompletionCommand.class,
            CommandLine.HelpCommand.class})
@Command(name = "spk", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "A package manager for building and running software environments.")
public final class SpkCommand implements Callable<Integer>, GlobalOptions.Root, spk.cli.spfs.EarlyLibc,
        spk.cli.app.PlainCommand {
    private final Map<String, String> environment;
    private final java.util.Optional<spfs.mount.Linux> earlyLibc;

    /** Reads configuration (spfs's, SPK's, templates' environment) from the process environment. */
    public SpkCommand() {
        this(System.getenv());
    }

    /** Reads configuration from {@code environment} instead (tests). */
    public SpkCommand(Map<String, String> environment) {
        this(environment, java.util.Optional.empty());
    }

    /** As {@link #SpkCommand()}, with libc being bound already ({@link spk.cli.spfs.EarlyLibc}). */
    public SpkCommand(java.util.Optional<spfs.mount.Linux> earlyLibc) {
        this(System.getenv(), earlyLibc);
    }

    private SpkCommand(Map<String, String> environment, java.util.Optional<spfs.mount.Linux> earlyLibc) {
        this.environment = Map.copyOf(environment);
        this.earlyLibc = earlyLibc;
    }

    @Override
    public java.util.Optional<spfs.mount.Linux> earlyLibc() {
        return earlyLibc;
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

    /** The environment variables of the spk command that {@code spec} belongs to. */
    public static Map<String, String> environment(CommandSpec spec) {
        return spec.root().userObject() instanceof SpkCommand root ? root.environment : System.getenv();
    }

    /** A spec loader whose templates see that environment. */
    public static SpecLoader specLoader(CommandSpec spec) {
        return new SpecLoader(BuildInfo.load().version(), environment(spec));
    }

    @Override
    public Integer call() {
        throw ExitCodes.missingSubcommand(spec);
    }
}
