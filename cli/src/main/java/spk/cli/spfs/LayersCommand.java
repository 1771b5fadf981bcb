package spk.cli.spfs;

import picocli.CommandLine.Command;
import spfs.graph.ObjectKind;

/** {@code spfs layers}. */
@Command(name = "layers", description = "List all stored layers.")
public final class LayersCommand extends ObjectListingCommand {
    @Override
    ObjectKind kind() {
        return ObjectKind.LAYER;
    }
}
