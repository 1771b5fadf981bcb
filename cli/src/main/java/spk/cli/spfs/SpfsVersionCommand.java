package spk.cli.spfs;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.BuildInfo;

/** {@code spfs version}. */
@Command(name = "version", description = "Print the spfs version.")
public final class SpfsVersionCommand implements Callable<Integer>, spk.cli.app.PlainCommand {
    @Spec
    CommandSpec spec;

    @Override
    public void useSpec(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println(new Provider().getVersion()[0]);
        out.flush();
        return 0;
    }

    /** Shared with {@code spfs --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spfs " + BuildInfo.load().version()};
        }
    }
}
