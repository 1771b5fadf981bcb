package spk.cli.app;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, wherever they appear on the command line. */
public final class GlobalOptions {
    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print more detail; repeat for more (-vv, -vvv shows internal stack traces).")
    private boolean[] verbose = new boolean[0];

    /** The options of the root command that {@code spec} belongs to. */
    public static GlobalOptions of(CommandSpec spec) {
        return ((Root) spec.root().userObject()).globalOptions();
    }

    /** A root command, which carries the global options for all its subcommands. */
    public interface Root {
        GlobalOptions globalOptions();
    }

    /**
     * The {@code --verbose} option bound to this object, as the annotation above would make it,
     * for a root that {@link Cli} builds from its {@link CommandIndex}.
     */
    OptionSpec verbosityOption(String[] names, String[] description) {
        Binding binding = new Binding();
        return OptionSpec.builder(names).type(boolean[].class).auxiliaryTypes(boolean.class).arity("0")
                .scopeType(ScopeType.INHERIT).description(description)
                .initialValue(new boolean[0]).getter(binding).setter(binding).build();
    }

    /** A named class rather than a lambda: picocli's interfaces have generic methods. */
    private final class Binding implements IGetter, ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T get() {
            return (T) verbose;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            boolean[] old = verbose;
            verbose = value == null ? new boolean[0] : (boolean[]) value;
            return (T) old;
        }
    }

    /** How many times -v was given. */
    public int verbosity() {
        return verbose.length;
    }
}
