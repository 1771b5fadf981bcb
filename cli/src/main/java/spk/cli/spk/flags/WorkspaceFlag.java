package spk.cli.spk.flags;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** SPK's {@code --workspace DIR}: where recipes named by NAME or NAME/VERSION are found. */
public final class WorkspaceFlag {
    @Option(names = "--workspace", paramLabel = "DIR", description = "Where recipes named by NAME, NAME/VERSION or in "
            + "PKG@STAGE requests are found: the workspace.spk.yaml of DIR or above, else DIR's *.spk.yaml (default: here).")
    private Path dir = Path.of(".");

    /** The folder the workspace is looked for from. */
    public Path dir() {
        return dir;
    }
}
