package spk.spec.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A package's descriptive metadata. */
public record Meta(Optional<String> description, Optional<String> homepage, Optional<String> license,
        Map<String, String> labels) {
    public static final Meta EMPTY = new Meta(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    public Meta {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public boolean isEmpty() {
        return description.isEmpty() && homepage.isEmpty() && license.isEmpty() && labels.isEmpty();
    }
}
