package spfs.graph;

import java.util.Objects;

/**
 * The digest strategy and body encoding an object was (or will be) stored with. Objects keep
 * the format they were read with, so re-writing a legacy object keeps its legacy digest.
 */
public record ObjectFormat(DigestStrategy strategy, EncodingFormat encoding) {
    /** What new objects use unless configured otherwise. */
    public static final ObjectFormat DEFAULT = new ObjectFormat(DigestStrategy.WITH_KIND_AND_SALT, EncodingFormat.FLATBUFFERS);
    /** The format of objects written before spfs had a format byte. */
    public static final ObjectFormat LEGACY = new ObjectFormat(DigestStrategy.LEGACY, EncodingFormat.LEGACY);

    public ObjectFormat {
        Objects.requireNonNull(strategy);
        Objects.requireNonNull(encoding);
    }
}
