package spfs.storage.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * Where everything is kept under a repository's prefix. Objects and payloads are laid out as in
 * a folder repository ({@code objects/XX/<rest>}, {@code payloads/XX/<rest>}), so a copy of the
 * bucket is a folder repository's data. A tag stream is a folder ({@code tags/<org>/<name>.tag/})
 * holding one key per version, named by its time and its digest, never overwritten: writers that
 * race each add their own key, so no store needs conditional writes for no version to be lost.
 */
final class S3Layout {
    private S3Layout() {}

    static final String VERSION = "VERSION";
    static final String OBJECTS = "objects/";
    static final String PAYLOADS = "payloads/";
    static final String TAGS = "tags/";
    static final String LEASES = "leases/";
    static final String NAMESPACE_SUFFIX = "#ns";
    static final String STREAM_SUFFIX = ".tag";

    static String object(Digest d) {
        return hashed(OBJECTS, d);
    }

    static String payload(Digest d) {
        return hashed(PAYLOADS, d);
    }

    private static String hashed(String store, Digest d) {
        String s = d.toString();
        return store + s.substring(0, 2) + "/" + s.substring(2);
    }

    /** The digest a key of {@code store} names, if it is such a key. */
    static Optional<Digest> digest(String store, String key) {
        if (!key.startsWith(store) || key.length() != store.length() + 1 + Digest.TEXT_LENGTH || key.charAt(store.length() + 2) != '/') {
            return Optional.empty();
        }
        String text = key.substring(store.length(), store.length() + 2) + key.substring(store.length() + 3);
        return Digest.isFull(text) ? Optional.of(Digest.parse(text)) : Optional.empty();
    }

    /** The folder of tag streams of a namespace (or of none). */
    static String tagRoot(Optional<String> namespace) {
        return namespace.map(ns -> TAGS + ns + NAMESPACE_SUFFIX + "/").orElse(TAGS);
    }

    /** The folder holding a stream's versions. */
    static String stream(Optional<String> namespace, TagSpec spec) {
        return tagRoot(namespace) + spec.path() + STREAM_SUFFIX + "/";
    }

    /** A version's key: its time in microseconds (19 digits, so names sort by time) and its digest. */
    static String version(Optional<String> namespace, Tag tag) {
        return stream(namespace, tag.spec(0)) + String.format("%019d", micros(tag.time())) + "-" + tag.digest();
    }

    /** A version key's name, parsed: empty if the name is not one. */
    static Optional<VersionName> versionName(String name) {
        int dash = name.indexOf('-');
        if (dash != 19 || name.length() != 20 + Digest.TEXT_LENGTH) {
            return Optional.empty();
        }
        String time = name.substring(0, 19);
        String digest = name.substring(20);
        if (!time.chars().allMatch(Character::isDigit) || !Digest.isFull(digest)) {
            return Optional.empty();
        }
        return Optional.of(new VersionName(Long.parseLong(time), Digest.parse(digest)));
    }

    /** What a version key says of its tag: when it was set, and its digest. */
    record VersionName(long micros, Digest digest) {}

    static long micros(Instant t) {
        return Math.max(0, ChronoUnit.MICROS.between(Instant.EPOCH, t));
    }
}
