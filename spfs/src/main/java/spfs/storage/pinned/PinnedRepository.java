package spfs.storage.pinned;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownReferenceException;
import spfs.storage.ForwardingRepository;
import spfs.storage.Repository;
import spfs.storage.WriteSession;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.tag.TimeSpec;

/**
 * A repository as it was at a moment ({@code ?when=~2d}, {@code remote.NAME.when}): tag
 * versions made after it are invisible, so {@code ~0} is the version current then and {@code ~N}
 * counts back from there; streams with no version then do not exist. Objects and payloads are
 * shown as they are (content addressed, they cannot have changed), and may even be written, but
 * tags cannot be written and nothing can be removed. Pinning a pinned repository replaces the
 * pin, as spfs does.
 */
public class PinnedRepository extends ForwardingRepository {
    private final TimeSpec pin;

    private PinnedRepository(Repository inner, TimeSpec pin) {
        super(inner);
        this.pin = pin;
    }

    /** {@code inner} seen at {@code pin}. */
    public static PinnedRepository of(Repository inner, TimeSpec pin) {
        return new PinnedRepository(inner instanceof PinnedRepository p ? p.delegate() : inner, pin);
    }

    /** The moment this view shows. */
    public TimeSpec pin() {
        return pin;
    }

    @Override
    public String address() {
        String inner = delegate().address();
        return inner + (inner.contains("?") ? "&" : "?") + "when=" + pin.text();
    }

    private SpfsException pinned(String what) {
        return SpfsException.badInput("repository-is-pinned", "cannot " + what + " in " + delegate().address()
                + ": it is viewed as it was at " + pin.text());
    }

    @Override
    public WriteSession beginWrite() {
        return new Session(delegate().beginWrite(), pin);
    }

    @Override
    public Repository withTagNamespace(Optional<String> ns) {
        return ns.equals(tagNamespace()) ? this : of(delegate().withTagNamespace(ns), pin);
    }

    // ---- tags as they were

    @Override
    public List<Tag> readTagStream(TagSpec spec) {
        return delegate().readTagStream(spec).stream().filter(t -> !t.time().isAfter(pin.instant())).toList();
    }

    @Override
    public Tag resolveTag(TagSpec spec) {
        List<Tag> visible = readTagStream(spec);
        if (spec.version() >= visible.size()) {
            throw new UnknownReferenceException(spec + " (at " + pin.text() + ")");
        }
        return visible.get(spec.version());
    }

    @Override
    public Stream<TagSpec> tagStreams() {
        List<TagSpec> all;
        try (Stream<TagSpec> s = delegate().tagStreams()) {
            all = s.toList();
        }
        return all.stream().filter(this::existed);
    }

    @Override
    public List<TagListing> lsTags(String path) {
        String prefix = path.replaceAll("^/+|/+$", "");
        prefix = prefix.isEmpty() ? "" : prefix + "/";
        List<TagSpec> live = tagStreams().toList();
        List<TagListing> out = new java.util.ArrayList<>();
        for (TagListing l : delegate().lsTags(path)) {
            String full = prefix + l.name();
            boolean visible = l.folder()
                    ? live.stream().anyMatch(t -> t.path().startsWith(full.endsWith("/") ? full : full + "/"))
                    : live.stream().anyMatch(t -> t.path().equals(full));
            if (visible) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public List<TagSpec> findTags(Digest digest) {
        List<TagSpec> out = new java.util.ArrayList<>();
        for (TagSpec s : tagStreams().toList()) {
            List<Tag> versions = readTagStream(s);
            for (int i = 0; i < versions.size(); i++) {
                if (versions.get(i).target().equals(digest)) {
                    out.add(s.withVersion(i));
                }
            }
        }
        return out;
    }

    private boolean existed(TagSpec stream) {
        return !readTagStream(stream).isEmpty();
    }

    // ---- what a view of the past cannot do

    @Override
    public void insertTag(Tag tag) {
        throw pinned("write tag " + tag.path());
    }

    @Override
    public Tag pushTag(TagSpec spec, Digest target, String user) {
        throw pinned("write tag " + spec.path());
    }

    @Override
    public void removeTag(Tag tag) {
        throw pinned("remove tag " + tag.path());
    }

    @Override
    public void removeTagStream(TagSpec spec) {
        throw pinned("remove tag " + spec.path());
    }

    @Override
    public boolean removeObject(Digest digest) {
        throw pinned("remove objects");
    }

    @Override
    public boolean removeObjectIfOlderThan(Digest digest, Instant cutoff) {
        throw pinned("remove objects");
    }

    @Override
    public boolean removePayload(Digest digest) {
        throw pinned("remove payloads");
    }

    @Override
    public boolean removePayloadIfOlderThan(Digest digest, Instant cutoff) {
        throw pinned("remove payloads");
    }

    /** A write session of the pinned view: objects and payloads go through, tags are refused. */
    private static final class Session extends PinnedRepository implements WriteSession {
        private final WriteSession inner;

        Session(WriteSession inner, TimeSpec pin) {
            super(inner, pin);
            this.inner = inner;
        }

        @Override
        public void flush() {
            inner.flush();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
