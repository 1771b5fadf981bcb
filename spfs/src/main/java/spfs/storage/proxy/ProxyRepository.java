package spfs.storage.proxy;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.UnknownObjectException;
import spfs.error.UnknownReferenceException;
import spfs.graph.SpfsObject;
import spfs.storage.Repository;
import spfs.storage.StorageFinding;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * A primary repository read through to secondaries ({@code proxy:?primary=A&secondary[0]=B}), as
 * spfs's proxy: a read that the primary cannot answer (unknown object, payload or tag) is tried on
 * each secondary in order; nothing read from a secondary is copied. Writes and removals go to the
 * primary only; object and payload listings are the primary's. Tag listings merge the primary's
 * with the secondaries' unless {@code include_secondary_tags=false}. A proxy given as a
 * secondary is flattened into this one's list.
 */
public class ProxyRepository implements Repository {
    private final Repository primary;
    private final List<Repository> secondaries;
    private final boolean includeSecondaryTags;

    protected ProxyRepository(Repository primary, List<Repository> secondaries, boolean includeSecondaryTags) {
        this.primary = primary;
        List<Repository> flat = new ArrayList<>();
        for (Repository r : secondaries) {
            if (r instanceof ProxyRepository p) {
                flat.add(p.primary);
                flat.addAll(p.secondaries);
            } else {
                flat.add(r);
            }
        }
        this.secondaries = List.copyOf(flat);
        this.includeSecondaryTags = includeSecondaryTags;
    }

    /** A proxy of {@code primary} reading through to {@code secondaries}; closing it closes them all. */
    public static ProxyRepository of(Repository primary, List<Repository> secondaries, boolean includeSecondaryTags) {
        return new ProxyRepository(primary, secondaries, includeSecondaryTags);
    }

    public Repository primary() {
        return primary;
    }

    public List<Repository> secondaries() {
        return secondaries;
    }

    protected boolean includesSecondaryTags() {
        return includeSecondaryTags;
    }

    @Override
    public String address() {
        StringBuilder b = new StringBuilder("proxy:?primary=").append(encode(primary.address()));
        for (int i = 0; i < secondaries.size(); i++) {
            b.append("&secondary[").append(i).append("]=").append(encode(secondaries.get(i).address()));
        }
        return b.append("&include_secondary_tags=").append(includeSecondaryTags).toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes go to a session of the primary; reads see it first, then the secondaries. */
    @Override
    public WriteSession beginWrite() {
        return new Session(primary.beginWrite(), secondaries, includeSecondaryTags);
    }

    @Override
    public List<StorageFinding> audit() {
        return primary.audit();
    }

    @Override
    public void close() {
        primary.close();
        secondaries.forEach(Repository::close);
    }

    /** The first answer, primary first, of a read that raises "unknown" where a repository lacks it. */
    protected <T> T firstAnswer(Function<Repository, T> read) {
        RuntimeException first = null;
        for (Repository r : all()) {
            try {
                return read.apply(r);
            } catch (UnknownObjectException | UnknownReferenceException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private List<Repository> all() {
        List<Repository> out = new ArrayList<>(secondaries.size() + 1);
        out.add(primary);
        out.addAll(secondaries);
        return out;
    }

    private List<Repository> tagSources() {
        return includeSecondaryTags ? all() : List.of(primary);
    }

    // ---- objects

    @Override
    public boolean hasObject(Digest digest) {
        return all().stream().anyMatch(r -> r.hasObject(digest));
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        return firstAnswer(r -> r.readObject(digest));
    }

    @Override
    public Digest writeObject(SpfsObject object) {
        return primary.writeObject(object);
    }

    @Override
    public Stream<Digest> objectDigests() {
        return primary.objectDigests();
    }

    /** Matches in every repository, so that a partial digest of a secondary's object resolves. */
    @Override
    public List<Digest> findObjects(PartialDigest partial) {
        Set<Digest> out = new LinkedHashSet<>();
        all().forEach(r -> out.addAll(r.findObjects(partial)));
        return List.copyOf(out);
    }

    @Override
    public boolean removeObject(Digest digest) {
        return primary.removeObject(digest);
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        return primary.removeObjectIfOlderThan(digest, cutoff);
    }

    // ---- payloads

    @Override
    public boolean hasPayload(Digest digest) {
        return all().stream().anyMatch(r -> r.hasPayload(digest));
    }

    @Override
    public InputStream openPayload(Digest digest) {
        return firstAnswer(r -> r.openPayload(digest));
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode) {
        return primary.writePayload(data, mode);
    }

    @Override
    public PayloadWrite writePayload(InputStream data, int mode, Digest expected) {
        return primary.writePayload(data, mode, expected);
    }

    @Override
    public Stream<Digest> payloadDigests() {
        return primary.payloadDigests();
    }

    @Override
    public boolean removePayload(Digest digest) {
        return primary.removePayload(digest);
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        return primary.removePayloadIfOlderThan(digest, cutoff);
    }

    @Override
    public long payloadSize(Digest digest) {
        return firstAnswer(r -> r.payloadSize(digest));
    }

    // ---- tags

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        for (Repository r : tagSources()) {
            List<Tag> versions = r.readTagStream(spec);
            if (!versions.isEmpty()) {
                return versions;
            }
        }
        return List.of();
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        RuntimeException first = null;
        for (Repository r : tagSources()) {
            try {
                return r.resolveTag(spec);
            } catch (UnknownReferenceException | UnknownObjectException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    @Override
    public void insertTag(Tag tag) {
        primary.insertTag(tag);
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        return primary.pushTag(spec, target, user);
    }

    @Override
    public void removeTag(Tag tag) {
        primary.removeTag(tag);
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        primary.removeTagStream(spec);
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        Set<String> seen = new java.util.HashSet<>();
        List<TagSpec> out = new ArrayList<>();
        for (Repository r : tagSources()) {
            try (Stream<TagSpec> s = r.tagStreams()) {
                s.filter(t -> seen.add(t.path())).forEach(out::add);
            }
        }
        return out.stream();
    }

    @Override
    public List<TagListing> lsTags(String path) {
        TreeSet<String> folders = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        for (Repository r : tagSources()) {
            for (TagListing l : r.lsTags(path)) {
                (l.folder() ? folders : tags).add(l.name());
            }
        }
        List<TagListing> out = new ArrayList<>();
        folders.forEach(f -> out.add(new TagListing(f, true)));
        tags.forEach(t -> out.add(new TagListing(t, false)));
        return out;
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        Set<String> seen = new java.util.HashSet<>();
        List<TagSpec> out = new ArrayList<>();
        for (Repository r : tagSources()) {
            r.findTags(digest).stream().filter(t -> seen.add(t.toString())).forEach(out::add);
        }
        return out;
    }

    @Override
    public Optional<String> tagNamespace() {
        return primary.tagNamespace();
    }

    /** A session: the primary's session for writes, the secondaries for what it lacks. */
    private static final class Session extends ProxyRepository implements WriteSession {
        private final WriteSession primarySession;

        Session(WriteSession primary, List<Repository> secondaries, boolean includeSecondaryTags) {
            super(primary, secondaries, includeSecondaryTags);
            this.primarySession = primary;
        }

        @Override
        public void flush() {
            primarySession.flush();
        }

        @Override
        public void close() {
            primarySession.close();
        }
    }
}
