package spfs.storage.s3;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownReferenceException;
import spfs.storage.TagDatabase;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TagStreamFormat;
import spfs.tag.TagTime;

/**
 * Tag streams as folders of version keys (see {@link S3Layout}): adding a version writes one new
 * key, so concurrent writers never lose each other's versions; removing one deletes its key.
 * A version's content never changes under its key, so versions read once are kept in memory.
 */
final class S3TagStore implements TagDatabase {
    private final ObjectStore store;
    private final Optional<String> namespace;
    private final Map<String, Tag> versions;

    S3TagStore(ObjectStore store, Optional<String> namespace) {
        this(store, namespace, new ConcurrentHashMap<>());
    }

    private S3TagStore(ObjectStore store, Optional<String> namespace, Map<String, Tag> versions) {
        namespace.ifPresent(S3TagStore::validateNamespace);
        this.store = store;
        this.namespace = namespace;
        this.versions = versions;
    }

    static void validateNamespace(String ns) {
        if (ns.isEmpty() || ns.contains("/") || ns.equals(".") || ns.equals("..") || ns.contains("#")) {
            throw SpfsException.badInput("invalid-tag-namespace",
                    "invalid tag namespace '" + ns + "': it must be one path component without '#'");
        }
    }

    /** The same tags seen through another namespace (or none). */
    S3TagStore inNamespace(Optional<String> ns) {
        return new S3TagStore(store, ns, versions);
    }

    /** Namespaces that hold tags. */
    List<String> namespaces() {
        List<String> out = new ArrayList<>();
        for (String f : store.folder(S3Layout.TAGS).folders()) {
            String name = f.substring(0, f.length() - 1);
            if (name.endsWith(S3Layout.NAMESPACE_SUFFIX)) {
                out.add(name.substring(0, name.length() - S3Layout.NAMESPACE_SUFFIX.length()));
            }
        }
        return out;
    }

    @Override
    public Optional<String> tagNamespace() {
        return namespace;
    }

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        String folder = S3Layout.stream(namespace, spec);
        List<Tag> out = new ArrayList<>();
        try (Stream<ObjectStore.Listed> keys = store.list(folder)) {
            keys.forEach(k -> readVersion(spec, k.key(), folder).ifPresent(out::add));
        }
        out.sort(Tag.ORDER.reversed());
        return out;
    }

    /** One version, checked against its key: the name it is kept under must be its own. */
    private Optional<Tag> readVersion(TagSpec spec, String key, String folder) {
        String name = key.substring(folder.length());
        if (name.contains("/")) {
            return Optional.empty(); // a deeper stream whose folder starts like this one's: not ours
        }
        Tag cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<S3Layout.VersionName> named = S3Layout.versionName(name);
        if (named.isEmpty()) {
            // not a version (file-backed stores list a PUT's temp file while it is written)
            return Optional.empty();
        }
        S3Layout.VersionName parsed = named.get();
        Optional<byte[]> body = store.read(key);
        if (body.isEmpty()) {
            return Optional.empty(); // removed since the listing
        }
        List<Tag> decoded;
        try {
            decoded = TagStreamFormat.decode(body.get());
        } catch (RuntimeException e) {
            throw corrupt(spec, key, spfs.error.IoMessages.describe(e));
        }
        if (decoded.size() != 1) {
            throw corrupt(spec, key, "it holds " + decoded.size() + " versions, not one");
        }
        Tag t = decoded.get(0);
        if (!t.digest().equals(parsed.digest()) || S3Layout.micros(t.time()) != parsed.micros() || !t.path().equals(spec.path())) {
            throw corrupt(spec, key, "its content is not the version its name says");
        }
        versions.put(key, t);
        return Optional.of(t);
    }

    private static SpfsException corrupt(TagSpec spec, String key, String why) {
        return SpfsException.environment("corrupt-tag", "tag " + spec.path() + " is corrupt: version " + key + ": " + why
                + " (run 'spfs check')", null);
    }

    /** Writes the version's own key; an exact duplicate writes the same bytes again. */
    @Override
    public void insertTag(Tag tag) {
        String key = S3Layout.version(namespace, tag);
        if (versions.containsKey(key)) {
            return;
        }
        store.write(key, TagStreamFormat.encode(List.of(tag)), true);
        versions.put(key, tag);
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        List<Tag> stream = readTagStream(spec.withVersion(0));
        Tag head = stream.isEmpty() ? null : stream.get(0);
        if (head != null && head.target().equals(target)) {
            return head;
        }
        // time must not go backwards within a stream, or the new head would sort below the old
        java.time.Instant now = TagTime.now();
        if (head != null && !now.isAfter(head.time())) {
            now = head.time().plusNanos(1000);
        }
        Tag t = new Tag(spec.org(), spec.name(), target, head == null ? Digest.NULL : head.digest(), user, now);
        insertTag(t);
        return t;
    }

    @Override
    public void removeTag(Tag tag) {
        String key = S3Layout.version(namespace, tag);
        if (store.head(key).isEmpty()) {
            throw new UnknownReferenceException(tag.path());
        }
        store.delete(key);
        versions.remove(key);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        String folder = S3Layout.stream(namespace, spec);
        List<String> keys;
        try (Stream<ObjectStore.Listed> listed = store.list(folder)) {
            keys = listed.map(ObjectStore.Listed::key).filter(k -> !k.substring(folder.length()).contains("/")).toList();
        }
        if (keys.isEmpty()) {
            throw new UnknownReferenceException(spec.path());
        }
        store.deleteAll(keys);
        keys.forEach(versions::remove);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        String root = S3Layout.tagRoot(namespace);
        Set<String> paths = new LinkedHashSet<>();
        try (Stream<ObjectStore.Listed> keys = store.list(root)) {
            keys.forEach(k -> {
                String rel = k.key().substring(root.length());
                int cut = rel.lastIndexOf(S3Layout.STREAM_SUFFIX + "/");
                if (cut <= 0 || (namespace.isEmpty() && rel.substring(0, rel.indexOf('/') < 0 ? rel.length() : rel.indexOf('/'))
                        .endsWith(S3Layout.NAMESPACE_SUFFIX))) {
                    return;
                }
                paths.add(rel.substring(0, cut));
            });
        }
        return new TreeSet<>(paths).stream().filter(TagSpec::isValid).map(TagSpec::parse);
    }

    @Override
    public List<TagListing> lsTags(String path) {
        String clean = path.replaceAll("^/+|/+$", "");
        for (String part : clean.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw SpfsException.badInput("invalid-tag", "invalid tag path '" + path + "'");
            }
        }
        String folder = S3Layout.tagRoot(namespace) + (clean.isEmpty() ? "" : clean + "/");
        TreeSet<String> names = new TreeSet<>(store.folder(folder).folders());
        List<TagListing> out = new ArrayList<>();
        for (String f : names) {
            String name = f.substring(0, f.length() - 1);
            if (name.endsWith(S3Layout.NAMESPACE_SUFFIX)) {
                continue;
            }
            if (name.endsWith(S3Layout.STREAM_SUFFIX)) {
                out.add(new TagListing(name.substring(0, name.length() - S3Layout.STREAM_SUFFIX.length()), false));
            } else {
                out.add(new TagListing(name + "/", true));
            }
        }
        return out;
    }
}
