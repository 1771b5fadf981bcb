package spk.cli.spk;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spk.cli.app.BuildInfo;
import spk.cli.app.GlobalOptions;

/** {@code spk version}: the versions of spk and of the spfs it uses. */
@Command(name = "version", description = "Print the spk and spfs versions.")
public final class VersionCommand implements Callable<Integer>, spk.cli.app.PlainCommand {
    @Spec
    CommandSpec spec;

    @Override
    public void useSpec(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (String line : new Provider().getVersion()) {
            out.println(line);
        }
        if (GlobalOptions.of(spec).verbosity() > 0) {
            out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        }
        out.flush();
        return 0;
    }

    /** Shared with {@code spk --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BuildInfo.load().version();
            return new String[] {"spk " + v, "spfs " + v};
        }
    }
}
