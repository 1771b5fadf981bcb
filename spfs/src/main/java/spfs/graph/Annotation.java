package spfs.graph;

import java.util.Objects;
import spfs.encoding.BinaryWriter;

/** A key/value note on a layer; large values live in a blob. */
public record Annotation(String key, AnnotationValue value) {
    public Annotation {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
    }

    /** Used both for legacy bodies and for digests. */
    public void encode(BinaryWriter w) {
        w.string(key);
        value.encode(w);
    }
}
