package spk.cli.spk.flags;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The flags of {@code spk build} and {@code spk make-binary}, as SPK has them. */
public final class BuildFlags {
    @Option(names = "--here", description = "Build from the current folder instead of the source package.")
    public boolean here;

    @Option(names = {"-i", "--interactive"},
            description = "Set the build up, but open a shell in its environment instead of running the build script "
                    + "(exit 0 from the shell keeps the build, anything else drops it).")
    public boolean interactive;

    @Option(names = {"-e", "--env"},
            description = "Build the first variant, then enter an environment (spk env) with the new package; if its "
                    + "build script fails, open a shell in the build environment as the script left it instead.")
    public boolean env;

    @Option(names = "--allow-circular-dependencies",
            description = "Allow the package to appear in its own build environment (a dependency that depends on it).")
    public boolean allowCircularDependencies;

    @Mixin
    public VariantFlags variants;
}
