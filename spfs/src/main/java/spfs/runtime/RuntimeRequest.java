package spfs.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import spfs.encoding.Digest;

/**
 * What a new runtime is made of: its stack (bottom first), live layers bound over it, whether
 * /spfs is writable, whether the runtime is kept after it exits, its name (random when empty),
 * annotations (later keys are found first, as spfs does) and the command run in it (empty: an
 * interactive shell).
 */
public record RuntimeRequest(List<Digest> stack, List<LiveLayer> liveLayers, boolean editable, boolean keep,
        Optional<String> name, Map<String, String> annotations, List<String> command) {
    public RuntimeRequest {
        stack = List.copyOf(stack);
        liveLayers = List.copyOf(liveLayers);
        Objects.requireNonNull(name);
        annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        command = List.copyOf(command);
    }

    /** A runtime of {@code stack} running {@code command}: read-only, not kept, unnamed, unannotated. */
    public static RuntimeRequest of(List<Digest> stack, List<String> command) {
        return new RuntimeRequest(stack, List.of(), false, false, Optional.empty(), Map.of(), command);
    }

    public RuntimeRequest withEditable(boolean e) {
        return new RuntimeRequest(stack, liveLayers, e, keep, name, annotations, command);
    }
}
