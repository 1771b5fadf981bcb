package spk.cli.spfs;

import picocli.CommandLine.Command;
import spfs.graph.ObjectKind;

/** {@code spfs platforms}. */
@Command(name = "platforms", description = "List all stored platforms.")
public final class PlatformsCommand extends ObjectListingCommand {
    @Override
    ObjectKind kind() {
        return ObjectKind.PLATFORM;
    }
}
