package spfs.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** A manifest plus annotations; at least one of the two is present. */
public record Layer(Optional<Digest> manifest, List<Annotation> annotations, ObjectFormat format) implements SpfsObject {
    public Layer {
        Objects.requireNonNull(manifest);
        Objects.requireNonNull(format);
        annotations = List.copyOf(annotations);
        if (manifest.isEmpty() && annotations.isEmpty()) {
            throw new IllegalArgumentException("a layer needs a manifest or annotations");
        }
    }

    /** A layer of just a manifest. */
    public static Layer of(Digest manifest) {
        return new Layer(Optional.of(manifest), List.of(), ObjectFormat.DEFAULT);
    }

    @Override
    public ObjectKind kind() {
        return ObjectKind.LAYER;
    }

    @Override
    public List<Digest> childObjects() {
        List<Digest> out = new ArrayList<>();
        manifest.ifPresent(out::add);
        for (Annotation a : annotations) {
            if (a.value() instanceof AnnotationValue.BlobRef b) {
                out.add(b.digest());
            }
        }
        return out;
    }

    @Override
    public void digestEncode(BinaryWriter w) {
        manifest.ifPresent(w::digest);
        for (Annotation a : annotations) {
            a.encode(w);
        }
    }
}
