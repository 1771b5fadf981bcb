package spfs.graph;

import java.util.Objects;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** An annotation's value: inline text, or the digest of a blob holding it. */
public sealed interface AnnotationValue {
    void encode(BinaryWriter w);

    /** Inline text (kind byte 1). */
    record Text(String text) implements AnnotationValue {
        public Text {
            Objects.requireNonNull(text);
        }

        @Override
        public void encode(BinaryWriter w) {
            w.u8(1).string(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A blob's digest (kind byte 2). */
    record BlobRef(Digest digest) implements AnnotationValue {
        public BlobRef {
            Objects.requireNonNull(digest);
        }

        @Override
        public void encode(BinaryWriter w) {
            w.u8(2).digest(digest);
        }

        @Override
        public String toString() {
            return digest.toString();
        }
    }
}
