package spk.spec.model;

import java.util.LinkedHashMap;
import java.util.Map;
import spk.spec.problem.Location;

/**
 * One entry of {@code build.variants} as written: keys are option or package names (packages may
 * name components), values are strings.
 */
public record VariantSpec(Map<String, String> entries, Location location) {
    public VariantSpec {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
