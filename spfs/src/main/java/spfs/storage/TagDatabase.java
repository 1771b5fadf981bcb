package spfs.storage;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** Tag streams: named, versioned pointers into the object graph. */
public interface TagDatabase {
    /** All versions of a stream, newest first; empty if there is no such stream. */
    List<Tag> readTagStream(TagSpec spec);

    /** The version {@code spec} names; UnknownReferenceException if absent. */
    default Tag resolveTag(TagSpec spec) {
        List<Tag> stream = readTagStream(spec);
        if (spec.version() >= stream.size()) {
            throw new spfs.error.UnknownReferenceException(spec.toString());
        }
        return stream.get(spec.version());
    }

    /** Adds a version in time order; exact duplicates are ignored. */
    void insertTag(Tag tag);

    /** Points {@code spec} at {@code target} unless its newest version already does; returns the head. */
    Tag pushTag(TagSpec spec, Digest target, String user);

    /** Removes one version. */
    void removeTag(Tag tag);

    /** Removes a whole stream. */
    void removeTagStream(TagSpec spec);

    /** Every stream's path ({@code org/name}) in the active namespace. */
    Stream<TagSpec> tagStreams();

    /** Folder and tag names directly under {@code path} ("" = the top). */
    List<TagListing> lsTags(String path);

    /** Tag specs (with version) whose target is {@code digest}; by default, a scan of every stream. */
    default List<TagSpec> findTags(Digest digest) {
        List<TagSpec> out = new java.util.ArrayList<>();
        try (Stream<TagSpec> streams = tagStreams()) {
            streams.forEach(s -> {
                List<Tag> versions = readTagStream(s);
                for (int i = 0; i < versions.size(); i++) {
                    if (versions.get(i).target().equals(digest)) {
                        out.add(s.withVersion(i));
                    }
                }
            });
        }
        return out;
    }

    /** The namespace tag operations happen in. */
    Optional<String> tagNamespace();

    /** One line of an ls-tags listing. */
    record TagListing(String name, boolean folder) {}
}
