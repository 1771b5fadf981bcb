package spk.cli.spk;

import picocli.CommandLine.Model.CommandSpec;
import spk.cli.spfs.RuntimeSupport;
import spk.storage.runtime.RuntimeEnvironment;

/** The packages of the runtime this command runs in (SPFS_RUNTIME), as SPK's current environment. */
final class CurrentEnvironment {
    private CurrentEnvironment() {}

    /** The runtime and its packages; not being in a runtime is an error saying how to get into one. */
    static Current read(CommandSpec spec) {
        RuntimeSupport.Current rt = RuntimeSupport.current(SpkCommand.environment(spec));
        return new Current(rt, RuntimeEnvironment.of(rt.storage().repository(), rt.runtime().status().stack(),
                SpkCommand.specLoader(spec)));
    }

    /** The runtime and what it holds. */
    record Current(RuntimeSupport.Current runtime, RuntimeEnvironment environment) {}
}
