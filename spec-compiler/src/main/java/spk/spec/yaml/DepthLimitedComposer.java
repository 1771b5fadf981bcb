package spk.spec.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * SnakeYAML Engine's composer with a cap on how deeply collections nest. The composer recurses
 * once per level, so a few kilobytes of {@code [[[[...} (or {@code {pkg: {pkg: ...}}} in a
 * request) would otherwise end in a StackOverflowError; SnakeYAML Engine 2.9 has no setting for it.
 * The cap is serde_yaml's recursion limit, which SPK's own parser applies.
 */
final class DepthLimitedComposer extends Composer {
    /** The deepest nesting of sequences and mappings accepted. */
    static final int MAX_DEPTH = 128;

    private int depth;

    DepthLimitedComposer(LoadSettings settings, String text) {
        super(settings, new ParserImpl(settings, new ScannerImpl(settings, new StreamReader(settings, text))));
    }

    @Override
    protected SequenceNode composeSequenceNode(Optional<Anchor> anchor) {
        enter();
        try {
            return super.composeSequenceNode(anchor);
        } finally {
            depth--;
        }
    }

    @Override
    protected Node composeMappingNode(Optional<Anchor> anchor) {
        enter();
        try {
            return super.composeMappingNode(anchor);
        } finally {
            depth--;
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            // the collection's start event is next in the parser: it says where
            throw new ComposerException("", Optional.empty(), "collections nest more than " + MAX_DEPTH
                    + " levels deep here", parser.peekEvent().getStartMark());
        }
    }
}
