package spk.cli.spfs;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import spfs.config.Config;
import spfs.config.ConfigLoader;
import spfs.storage.Repositories;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spk.cli.app.GlobalOptions;

/** What every spfs subcommand needs: configuration, repositories and its output streams. */
final class SpfsContext {
    private final CommandSpec spec;
    private final Config config;

    private SpfsContext(CommandSpec spec, Config config) {
        this.spec = spec;
        this.config = config;
    }

    static SpfsContext of(CommandSpec spec) {
        Map<String, String> env = ((SpfsCommand) spec.root().userObject()).environment();
        return new SpfsContext(spec, ConfigLoader.load(env));
    }

    Config config() {
        return config;
    }

    Repositories repositories() {
        return new Repositories(config);
    }

    FsRepository local() {
        return repositories().local();
    }

    /** The local repository, or the one {@code remote} names (-r/--remote). */
    Repository repo(String remote) {
        return remote == null || remote.isEmpty() ? local() : repositories().open(remote);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The environment the command runs with (configuration comes from it too). */
    Map<String, String> environment() {
        return ((SpfsCommand) spec.root().userObject()).environment();
    }

    int verbosity() {
        return GlobalOptions.of(spec).verbosity();
    }

    /** Worker threads for I/O-bound work: a few per core, since most of the time is waiting on the disk. */
    int ioWorkers(String envName) {
        return ioWorkers(environment(), envName);
    }

    /** As {@link #ioWorkers(String)}, from {@code env}. */
    static int ioWorkers(Map<String, String> env, String envName) {
        String v = env.get(envName);
        if (v != null) {
            try {
                return Math.max(1, Integer.parseInt(v));
            } catch (NumberFormatException e) {
                throw new spfs.error.SpfsException(spk.error.SpkException.Kind.BAD_INPUT, "invalid-env",
                        envName + " must be a number, not '" + v + "'");
            }
        }
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
    }
}
